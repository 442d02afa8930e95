package dev.millrace.record;

/**
 * A snapshot of a replay.
 *
 * @param sessionId the session being replayed
 * @param total     entries the filter selects (gap markers included; an upper bound when the filter checks headers
 *                  or payloads row by row)
 * @param processed entries looked at so far
 * @param sent      messages published so far
 * @param done      finished, cancelled or failed
 * @param cancelled stopped by {@link Replay#cancel()}
 * @param failure   why it failed, or null
 */
public record ReplayProgress(long sessionId, long total, long processed, long sent, boolean done, boolean cancelled,
        String failure) {
}
