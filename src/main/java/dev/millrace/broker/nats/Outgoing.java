package dev.millrace.broker.nats;

import dev.millrace.message.Message;
import dev.millrace.message.PayloadTooLargeException;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A message as NATS will carry it: headers and payload. The size the server checks against its {@code max_payload}
 * is both together, so that is the size compared with the limit.
 */
record Outgoing(String id, Headers headers, byte[] payload) {

    /**
     * Encodes every message before any is sent, so that one message over the limit fails the call before the others
     * went out.
     */
    static List<Outgoing> encodeAll(String topic, List<Message> messages, long limit) {
        List<Outgoing> encoded = new ArrayList<>(messages.size());
        for (Message message : messages) {
            Headers headers = HeaderCodec.encode(message);
            long size = (long) headers.serializedLength() + message.payload().length;
            if (size > limit) {
                throw new PayloadTooLargeException(topic, size, limit);
            }
            encoded.add(new Outgoing(message.id(), headers, message.payload()));
        }
        return encoded;
    }

    NatsMessage toClientMessage(String subject) {
        return NatsMessage.builder().subject(subject).headers(headers).data(payload).build();
    }
}
