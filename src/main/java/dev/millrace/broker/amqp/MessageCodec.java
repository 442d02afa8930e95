package dev.millrace.broker.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps a Millrace message onto AMQP properties and back: the id is the {@code message-id} property, metadata are
 * headers (string values), the payload is the body, untouched.
 *
 * <p>amqp-client reads headers into an unordered map, but metadata keep their insertion order; so a message with
 * two or more metadata entries carries one more header, {@value #ORDER_HEADER}, listing the keys in order.
 */
final class MessageCodec {
    static final String ORDER_HEADER = "millrace-metadata-order";
    /** Where Watermill's AMQP marshaler puts the message id; read so that messages from Go services keep theirs. */
    static final String WATERMILL_ID_HEADER = "_watermill_message_uuid";

    private static final int PERSISTENT = 2;
    private static final int TRANSIENT = 1;

    private MessageCodec() {
    }

    static AMQP.BasicProperties properties(Message message, boolean persistent) {
        Metadata metadata = message.metadata();
        Map<String, Object> headers = null;
        if (!metadata.isEmpty()) {
            headers = new LinkedHashMap<>(metadata.size() * 2 + 1);
            metadata.forEach(headers::put);
            if (metadata.size() > 1) {
                headers.put(ORDER_HEADER, new ArrayList<>(metadata.asMap().keySet()));
            }
        }
        String correlationId = metadata.get(Message.CORRELATION_ID);
        return new AMQP.BasicProperties.Builder()
                .messageId(message.id())
                .headers(headers)
                .correlationId(correlationId.isEmpty() ? null : correlationId)
                .deliveryMode(persistent ? PERSISTENT : TRANSIENT)
                .timestamp(new Date())
                .build();
    }

    /**
     * A received message with its envelope. One from another producer without a message id gets a fresh one; the
     * routing key becomes the message key.
     */
    static Message received(String topic, AMQP.BasicProperties properties, byte[] body, String routingKey,
                            long sequence, boolean redelivered) {
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        Metadata metadata = metadata(headers);
        String id = properties.getMessageId();
        if (id == null) {
            id = metadata.contains(WATERMILL_ID_HEADER) ? metadata.remove(WATERMILL_ID_HEADER) : Message.newId();
        }
        if (properties.getCorrelationId() != null && !metadata.contains(Message.CORRELATION_ID)) {
            metadata.set(Message.CORRELATION_ID, properties.getCorrelationId());
        }
        Message message = new Message(id, metadata, body);
        message.withKey(routingKey.isEmpty() ? null : routingKey);
        Instant timestamp = properties.getTimestamp() == null ? null : properties.getTimestamp().toInstant();
        message.setEnvelope(new Envelope(AmqpBrokerAdapter.ID, topic, routingKey, Envelope.NONE, sequence, timestamp,
                Instant.now(), System.nanoTime(), redelivered));
        return message;
    }

    private static Metadata metadata(Map<String, Object> headers) {
        Metadata metadata = new Metadata();
        if (headers.get(ORDER_HEADER) instanceof List<?> order) {
            for (Object key : order) {
                String name = text(key);
                if (headers.containsKey(name) && !name.equals(ORDER_HEADER)) {
                    metadata.set(name, text(headers.get(name)));
                }
            }
        }
        // Headers without an order (from other producers) follow in name order, so that they show stably.
        for (String name : new TreeSet<>(headers.keySet())) {
            if (!name.equals(ORDER_HEADER) && !metadata.contains(name)) {
                metadata.set(name, text(headers.get(name)));
            }
        }
        return metadata;
    }

    /** A header value as text; AMQP headers may be numbers, booleans, bytes, tables or lists from other clients. */
    private static String text(Object value) {
        return switch (value) {
            case null -> "";
            case LongString string -> string.toString();
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Date date -> date.toInstant().toString();
            case List<?> list -> list.stream().map(MessageCodec::text).toList().toString();
            default -> String.valueOf(value);
        };
    }
}
