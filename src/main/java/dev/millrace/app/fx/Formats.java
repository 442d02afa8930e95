package dev.millrace.app.fx;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** How numbers, sizes, rates and times read on screen. */
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern IDENTIFIER = Pattern.compile("(^|[^a-z])(port|id|pid|version|epoch)($|[^a-z])");

    private Formats() {
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }

    /**
     * An attribute an adapter's admin view reports as text, made readable: whole numbers with thousands separators
     * (sizes in bytes when the name says bytes; not ports, ids or versions), ISO instants as local date and time;
     * anything else as given.
     */
    public static String attribute(String name, String value) {
        if (value == null) {
            return "";
        }
        if (WHOLE_NUMBER.matcher(value).matches() && !IDENTIFIER.matcher(name.toLowerCase(Locale.ROOT)).find()) {
            try {
                long number = Long.parseLong(value);
                return name.toLowerCase(Locale.ROOT).contains("bytes") ? bytes(number) : count(number);
            } catch (NumberFormatException tooLong) {
                return value;
            }
        }
        if (value.length() >= 20 && value.charAt(4) == '-' && value.indexOf('T') == 10) {
            try {
                return dateTime(Instant.parse(value));
            } catch (DateTimeParseException notAnInstant) {
                return value;
            }
        }
        return value;
    }

    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    public static String bytes(long value) {
        if (value < 0) {
            return "–";
        }
        if (value < 1024) {
            return value + " B";
        }
        double scaled = value;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }

    public static String rate(double perSecond) {
        if (perSecond >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f/s", perSecond);
        }
        return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f/s" : "%.1f/s", perSecond);
    }

    /** Messages per second as read aloud: {@code 1.8 msg/s}, {@code 12,345 msg/s}. */
    public static String messageRate(double perSecond) {
        String pattern = perSecond >= 10_000 ? "%,.0f msg/s" : perSecond >= 100 ? "%.0f msg/s" : "%.1f msg/s";
        return String.format(Locale.ROOT, pattern, perSecond);
    }

    public static String byteRate(double bytesPerSecond) {
        return bytes(Math.round(bytesPerSecond)) + "/s";
    }

    /** A latency in the unit that keeps it readable: µs, ms or s. */
    public static String latency(long nanos) {
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%d µs", nanos / 1_000);
        }
        if (nanos < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
