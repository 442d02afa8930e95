package dev.millrace.record;

import java.time.Instant;

/**
 * One row of a recorded session, in sequence order: a {@link RecordedMessage}, or a {@link GapMarker} where the
 * recorder had to drop messages.
 */
public sealed interface RecordedEntry permits RecordedMessage, GapMarker {

    long sessionId();

    /** Position in the session, from 1, without holes; keyset paging continues after it. */
    long seq();

    String topic();

    Instant receivedAt();
}
