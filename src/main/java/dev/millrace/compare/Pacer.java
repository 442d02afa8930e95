package dev.millrace.compare;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Spaces one producer's sends at a fixed interval on a schedule fixed at the start: a send that comes late is not
 * made up for by waiting less later on top of it, but the schedule does not slip either, so the rate over the run
 * is the target rate as long as the broker keeps up. An unlimited pacer never waits.
 */
final class Pacer {
    /** Longest single park, so that a stop request is noticed quickly even at low rates. */
    private static final long MAX_PARK_NANOS = 10_000_000;

    private final long intervalNanos;
    private long nextNanos;

    private Pacer(long intervalNanos, long firstNanos) {
        this.intervalNanos = intervalNanos;
        this.nextNanos = firstNanos;
    }

    static Pacer unlimited() {
        return new Pacer(0, 0);
    }

    /** Sends at {@code ratePerSecond}, the first at {@code firstNanos}. */
    static Pacer at(double ratePerSecond, long firstNanos) {
        return new Pacer(Math.max(1, Math.round(1e9 / ratePerSecond)), firstNanos);
    }

    /** Waits for the next slot; false if {@code stop} turned true meanwhile. */
    boolean awaitNext(BooleanSupplier stop) {
        if (intervalNanos == 0) {
            return !stop.getAsBoolean();
        }
        long slot = nextNanos;
        nextNanos += intervalNanos;
        while (true) {
            if (stop.getAsBoolean()) {
                return false;
            }
            long remaining = slot - System.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(remaining, MAX_PARK_NANOS));
        }
    }
}
