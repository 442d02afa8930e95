package dev.millrace.compare;

import java.util.Locale;

/** Numbers as the reports print them: the same on every machine, whatever its locale. */
public final class Formats {
    public static final String NONE = "—";

    private Formats() {
    }

    /** Messages per second: whole numbers with thousands separators, one decimal below 10. */
    public static String rate(double perSecond) {
        if (perSecond == 0) {
            return "0";
        }
        return perSecond < 10 ? String.format(Locale.ROOT, "%.1f", perSecond)
                : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** A latency in milliseconds with three significant digits: {@code 0.0421 ms}, {@code 1.25 ms}, {@code 312 ms}. */
    public static String millis(long nanos) {
        return millisNumber(nanos) + " ms";
    }

    public static String millisNumber(long nanos) {
        double millis = nanos / 1e6;
        if (millis < 0.1) {
            return String.format(Locale.ROOT, "%.4f", millis);
        }
        if (millis < 1) {
            return String.format(Locale.ROOT, "%.3f", millis);
        }
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.2f", millis);
        }
        if (millis < 100) {
            return String.format(Locale.ROOT, "%.1f", millis);
        }
        return String.format(Locale.ROOT, "%,.0f", millis);
    }

    /** Bytes in the largest binary unit that divides them: {@code 1 MiB}, {@code 64 KiB}, {@code 1000 B}. */
    public static String bytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        long value = bytes;
        int unit = 0;
        while (value != 0 && value % 1024 == 0 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return value + " " + units[unit];
    }

    /** {@code a / b} as {@code 0.42×}, or {@link #NONE} when either side is missing. */
    public static String ratio(Double numerator, Double denominator) {
        if (numerator == null || denominator == null || denominator <= 0) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%.2f×", numerator / denominator);
    }
}
