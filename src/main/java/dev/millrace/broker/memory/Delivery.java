package dev.millrace.broker.memory;

import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import java.time.Instant;

/**
 * One hand-out of a stored message to a subscription (or to a peek, with no subscription). Its identity ties a
 * later ack or nack to this hand-out, so that a settlement arriving after the subscription gave the message back
 * is recognised as late.
 */
record Delivery(MemorySubscription subscription, long sequence, StoredMessage message, Instant storedAt,
        boolean redelivered) {

    /** A fresh message for this hand-out: acknowledgement state belongs to one delivery, never to the stored one. */
    Message toMessage(String topic) {
        Message delivered = new Message(message.id(), message.metadata().copy(), message.payload());
        delivered.withKey(message.key());
        delivered.setEnvelope(new Envelope(MemoryBrokerAdapter.ID, topic, message.key(), Envelope.NONE, sequence,
                storedAt, Instant.now(), System.nanoTime(), redelivered));
        return delivered;
    }
}
