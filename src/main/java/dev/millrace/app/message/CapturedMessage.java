package dev.millrace.app.message;

import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message as the workbench shows it: the envelope of DESIGN.md flattened into one immutable value, taken at the
 * moment of receipt so that the broker's message can be acked at once. The payload array is shared with the
 * delivered message, not copied; treat it as read-only.
 *
 * @param id              message id
 * @param connection      name of the connection profile it came through
 * @param brokerId        adapter id
 * @param topic           topic, subject, routing key or queue
 * @param key             message key, or empty
 * @param partition       partition, or {@link Envelope#NONE}
 * @param sequence        offset / stream sequence / delivery tag, or {@link Envelope#NONE}
 * @param brokerTimestamp when the broker stored it, or {@code null}
 * @param receivedAt      wall-clock time of receipt
 * @param receivedNanos   nanosecond clock at receipt, for latencies within this process
 * @param redelivered     the broker says it delivered it before
 * @param metadata        headers, insertion-ordered, read-only
 * @param payload         payload bytes
 * @param droppedHere     for a recorded session's gap marker: how many messages the recorder lost at this point;
 *                        0 for a message
 */
public record CapturedMessage(
        String id,
        String connection,
        String brokerId,
        String topic,
        String key,
        int partition,
        long sequence,
        Instant brokerTimestamp,
        Instant receivedAt,
        long receivedNanos,
        boolean redelivered,
        Map<String, String> metadata,
        byte[] payload,
        long droppedHere) {

    private static final byte[] NO_PAYLOAD = new byte[0];

    /** Captures {@code message} as received through {@code connection}; works for peeked messages too. */
    public static CapturedMessage of(Message message, String connection, String fallbackTopic) {
        Envelope envelope = message.envelope();
        Map<String, String> headers = Collections.unmodifiableMap(new LinkedHashMap<>(message.metadata().asMap()));
        if (envelope == null) {
            return new CapturedMessage(message.id(), connection, "", fallbackTopic, orEmpty(message.key()),
                    Envelope.NONE, Envelope.NONE, null, Instant.now(), System.nanoTime(), false, headers,
                    message.payload(), 0);
        }
        String key = envelope.key() != null ? envelope.key() : orEmpty(message.key());
        return new CapturedMessage(message.id(), connection, envelope.brokerId(),
                envelope.topic() == null ? fallbackTopic : envelope.topic(), key, envelope.partition(),
                envelope.sequence(), envelope.brokerTimestamp(),
                envelope.receivedAt() == null ? Instant.now() : envelope.receivedAt(),
                envelope.receivedNanos() == 0 ? System.nanoTime() : envelope.receivedNanos(),
                envelope.redelivered(), headers, message.payload(), 0);
    }

    /** A recorded gap: where the recorder had to drop {@code dropped} messages of {@code topic}. */
    public static CapturedMessage gap(String connection, String brokerId, String topic, Instant at, long nanos,
                                      long dropped) {
        return new CapturedMessage("", connection, brokerId, topic, "", Envelope.NONE, Envelope.NONE, null, at, nanos,
                false, Map.of(), NO_PAYLOAD, dropped);
    }

    public boolean isGap() {
        return droppedHere > 0;
    }

    /** The {@code correlation_id} header, or empty. */
    public String correlationId() {
        return metadata.getOrDefault(Message.CORRELATION_ID, "");
    }

    public int size() {
        return payload.length;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
