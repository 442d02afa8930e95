package dev.millrace.record;

import java.time.Instant;

/**
 * Instants as nanoseconds since the epoch, the form message times take in the database: exact on H2 and on
 * PostgreSQL (whose timestamps stop at microseconds), and cheap to index. Covers the years 1677 to 2262.
 */
final class EpochNanos {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private EpochNanos() {
    }

    /** The instant in epoch nanoseconds; an {@link ArithmeticException} outside the years 1677 to 2262. */
    static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }

    /** Like {@link #of}, but instants outside the range become the smallest or largest value: for query bounds. */
    static long clamped(Instant instant) {
        try {
            return of(instant);
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }
}
