package dev.millrace.compare;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Spaces one producer's sends at a fixed interval. Sends follow a schedule fixed at the start, so that the jitter of
 * parking and of publish calls does not lower the rate; but a producer that falls more than {@link #MAX_LAG_NANOS}
 * behind (a stall, a slow publish) starts a new schedule from now instead of bursting to catch up, since a burst is
 * not the fixed rate the workload asks for. The shortfall then shows in the achieved rate. An unlimited pacer never
 * waits.
 */
final class Pacer {
    /** Longest single park, so that a stop request is noticed quickly even at low rates. */
    private static final long MAX_PARK_NANOS = 10_000_000;
    /** How far behind its schedule a producer may be and still catch up. */
    private static final long MAX_LAG_NANOS = 100_000_000;

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
        long now = System.nanoTime();
        if (now - nextNanos > Math.max(intervalNanos, MAX_LAG_NANOS)) {
            nextNanos = now;
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
