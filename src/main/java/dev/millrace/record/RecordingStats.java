package dev.millrace.record;

/**
 * A snapshot of a recording's counters, cheap to take: poll it (e.g. once per UI pulse) or receive it through a
 * {@link RecordingListener}.
 *
 * @param sessionId the session being written
 * @param state     where the recording is
 * @param received  messages received from the broker
 * @param recorded  messages committed to the store
 * @param dropped   messages dropped because the queue was full (brokers without acknowledgements only)
 * @param queued    messages received and not yet committed
 * @param failure   why the recording failed, or null
 */
public record RecordingStats(long sessionId, RecordingState state, long received, long recorded, long dropped,
        int queued, String failure) {
}
