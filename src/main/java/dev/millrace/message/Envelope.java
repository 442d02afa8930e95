package dev.millrace.message;

import java.time.Instant;

/**
 * Where and when a received message came from. Filled in by the subscriber that delivered it; outgoing messages
 * have none. Fields a broker does not have use {@link #NONE} (numbers) or {@code null} (objects).
 *
 * @param brokerId        id of the broker adapter that delivered the message ("memory", "kafka", ...)
 * @param topic           topic, subject, routing key or queue it arrived on
 * @param key             the message key, when the broker has keys
 * @param partition       partition number, when the broker has partitions
 * @param sequence        offset, stream sequence or delivery tag
 * @param brokerTimestamp when the broker stored the message, as the broker says
 * @param receivedAt      wall-clock time of receipt
 * @param receivedNanos   {@link System#nanoTime()} at receipt, for latency measurements within one process
 * @param redelivered     the broker says this is not the first delivery
 */
public record Envelope(
        String brokerId,
        String topic,
        String key,
        int partition,
        long sequence,
        Instant brokerTimestamp,
        Instant receivedAt,
        long receivedNanos,
        boolean redelivered) {

    public static final int NONE = -1;
}
