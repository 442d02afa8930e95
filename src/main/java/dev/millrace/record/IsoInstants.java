package dev.millrace.record;

import java.time.Instant;

/**
 * Formats instants exactly as {@link Instant#toString()} does (ISO-8601, UTC, the fraction in groups of three
 * digits, none when zero), reusing the date and time of the previous call when the second is the same: an export
 * writes two instants per message, and consecutive messages mostly share their second. Not thread-safe: one per
 * writer.
 */
final class IsoInstants {
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;
    private final StringBuilder text = new StringBuilder(40);

    String format(Instant instant) {
        return format(instant.getEpochSecond(), instant.getNano());
    }

    /** The instant {@code epochNanos} nanoseconds after the epoch (see {@link EpochNanos}). */
    String format(long epochNanos) {
        return format(Math.floorDiv(epochNanos, 1_000_000_000L), (int) Math.floorMod(epochNanos, 1_000_000_000L));
    }

    private String format(long second, int nano) {
        if (second != cachedSecond) {
            String whole = Instant.ofEpochSecond(second).toString();
            cachedPrefix = whole.substring(0, whole.length() - 1);
            cachedSecond = second;
        }
        if (nano == 0) {
            return cachedPrefix + 'Z';
        }
        text.setLength(0);
        text.append(cachedPrefix).append('.');
        int digits;
        int value;
        if (nano % 1_000_000 == 0) {
            digits = 3;
            value = nano / 1_000_000;
        } else if (nano % 1_000 == 0) {
            digits = 6;
            value = nano / 1_000;
        } else {
            digits = 9;
            value = nano;
        }
        int start = text.length();
        for (int i = 0; i < digits; i++) {
            text.append('0');
        }
        for (int i = start + digits - 1; i >= start; i--) {
            text.setCharAt(i, (char) ('0' + value % 10));
            value /= 10;
        }
        return text.append('Z').toString();
    }
}
