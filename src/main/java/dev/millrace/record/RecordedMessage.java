package dev.millrace.record;

import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message as recorded: its id, metadata and payload exactly as received, and the envelope of where and when it
 * was received.
 *
 * @param sessionId     the session it belongs to
 * @param seq           its position in the session
 * @param messageId     the message id
 * @param profileName   the connection profile it was received through, or null for an ad-hoc connection
 * @param envelope      broker, topic, key, partition, offset / sequence, broker time, receive times, redelivered
 * @param correlationId the {@code correlation_id} metadata value when present, else null
 * @param metadata      metadata in insertion order (unmodifiable)
 * @param payload       the payload bytes (shared, not copied: treat as read-only)
 */
public record RecordedMessage(long sessionId, long seq, String messageId, String profileName, Envelope envelope,
        String correlationId, Map<String, String> metadata, byte[] payload) implements RecordedEntry {

    public RecordedMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(envelope.topic(), "envelope topic");
        Objects.requireNonNull(envelope.receivedAt(), "envelope receivedAt");
        Objects.requireNonNull(payload, "payload");
        metadata = metadata.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    @Override
    public String topic() {
        return envelope.topic();
    }

    @Override
    public Instant receivedAt() {
        return envelope.receivedAt();
    }

    public int payloadSize() {
        return payload.length;
    }

    /** A fresh message with the recorded id, metadata, payload and key, ready to publish. */
    public Message toMessage() {
        Message message = new Message(messageId, new Metadata(metadata), payload);
        return message.withKey(envelope.key());
    }

    /** Equal when every field is, the payload compared by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedMessage that
                && sessionId == that.sessionId
                && seq == that.seq
                && messageId.equals(that.messageId)
                && Objects.equals(profileName, that.profileName)
                && envelope.equals(that.envelope)
                && Objects.equals(correlationId, that.correlationId)
                && metadata.equals(that.metadata)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, seq, messageId, envelope, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RecordedMessage[session=" + sessionId + ", seq=" + seq + ", id=" + messageId + ", topic="
                + envelope.topic() + ", metadata=" + metadata + ", payload=" + payload.length + " bytes]";
    }
}
