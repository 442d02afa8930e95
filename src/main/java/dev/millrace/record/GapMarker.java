package dev.millrace.record;

import java.time.Instant;

/**
 * Where the recorder dropped messages: from a broker without acknowledgements (nothing would be redelivered) that
 * delivered faster than the store could write. The gap is recorded, never hidden.
 *
 * @param sessionId     the session it belongs to
 * @param seq           its position in the session
 * @param brokerId      adapter id of the broker the messages came from
 * @param profileName   connection profile, or null
 * @param topic         the topic the dropped messages arrived on
 * @param receivedAt    when the marker was written (the drops happened since the previous entry of the topic)
 * @param receivedNanos {@link System#nanoTime()} at that moment
 * @param droppedCount  how many messages were dropped
 */
public record GapMarker(long sessionId, long seq, String brokerId, String profileName, String topic,
        Instant receivedAt, long receivedNanos, long droppedCount) implements RecordedEntry {
}
