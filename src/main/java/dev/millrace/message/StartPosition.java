package dev.millrace.message;

import java.time.Instant;

/** Where a new subscription starts reading, for brokers that keep history. */
public sealed interface StartPosition {

    /** Continue where the consumer group left off; for a new group, the adapter's documented default. */
    record Committed() implements StartPosition {
    }

    /** The oldest message the broker still has. */
    record Earliest() implements StartPosition {
    }

    /** Only messages published after the subscription starts. */
    record Latest() implements StartPosition {
    }

    /** From an offset / stream sequence on (inclusive). */
    record AtSequence(long sequence) implements StartPosition {
    }

    /** From the first message stored at or after {@code time}. */
    record AtTime(Instant time) implements StartPosition {
    }

    StartPosition COMMITTED = new Committed();
    StartPosition EARLIEST = new Earliest();
    StartPosition LATEST = new Latest();
}
