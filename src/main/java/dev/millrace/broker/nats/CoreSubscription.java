package dev.millrace.broker.nats;

import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.Outcome;
import io.nats.client.Subscription;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A core NATS subscription, optionally in a queue group. Core NATS delivers each message once and keeps nothing,
 * so a nack is served here: the nacked message is handed out again by this subscription, before anything newer.
 * A message still unsettled when the subscription closes is lost, as it would be with any core NATS client.
 */
final class CoreSubscription extends GatedSubscription<CoreSubscription.Delivery> {
    private final Subscription subscription;
    private final Consumer<CoreSubscription> onClose;
    private volatile Delivery again;

    /**
     * One hand-out of a received message.
     *
     * @param raw        what the client received
     * @param fallbackId id for a message that carried none (sent by another NATS client), kept across redeliveries
     * @param attempt    1 for the first hand-out, more after nacks
     */
    record Delivery(io.nats.client.Message raw, String fallbackId, int attempt) {
    }

    CoreSubscription(String topic, Subscription subscription, Consumer<CoreSubscription> onClose) {
        super(topic);
        this.subscription = subscription;
        this.onClose = onClose;
    }

    @Override
    Delivery fetch(long deadline) throws InterruptedException {
        Delivery nacked = again;
        if (nacked != null) {
            again = null;
            return new Delivery(nacked.raw(), nacked.fallbackId(), nacked.attempt() + 1);
        }
        while (!isClosed()) {
            var wait = slice(deadline);
            if (wait == null) {
                return null;
            }
            io.nats.client.Message raw;
            try {
                raw = subscription.nextMessage(wait);
            } catch (IllegalStateException inactive) {
                // The client closed the subscription: the connection is gone for good.
                close();
                return null;
            }
            if (raw != null) {
                boolean hasId = raw.hasHeaders() && raw.getHeaders().containsKey(HeaderCodec.ID);
                return new Delivery(raw, hasId ? null : Message.newId(), 1);
            }
        }
        return null;
    }

    @Override
    Message toMessage(Delivery delivery) {
        io.nats.client.Message raw = delivery.raw();
        HeaderCodec.Decoded decoded = HeaderCodec.decode(raw.getHeaders());
        Message message = new Message(decoded.id() != null ? decoded.id() : delivery.fallbackId(),
                decoded.metadata(), raw.getData());
        message.withKey(decoded.key());
        message.setEnvelope(new Envelope(NatsAdapter.ID, raw.getSubject(), decoded.key(), Envelope.NONE,
                Envelope.NONE, null, Instant.now(), System.nanoTime(), delivery.attempt() > 1));
        return message;
    }

    @Override
    void settle(Delivery delivery, Outcome outcome) {
        if (outcome == Outcome.NACKED) {
            again = delivery;
        }
    }

    @Override
    void giveBack(Delivery delivery) {
        // Core NATS cannot take a message back: it is gone with this subscription.
    }

    @Override
    void closed() {
        try {
            subscription.unsubscribe();
        } catch (IllegalStateException alreadyInactive) {
            // The connection closed first; nothing left to release.
        }
        onClose.accept(this);
    }
}
