package dev.millrace.compare;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a running comparison to stop. A flag, not {@link Thread#interrupt()}: producers finish the publish call they
 * are in, consumers settle what they hold, connections close in order; nothing is cut off mid-write.
 */
public final class CancelFlag {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Stops the comparison at the next check, a fraction of a second later; idempotent and thread-safe. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
