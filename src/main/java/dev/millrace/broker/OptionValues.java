package dev.millrace.broker;

import dev.millrace.message.ConnectionException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw option strings checked against an adapter's {@link OptionSpec}s, read back as typed values. Adapters turn
 * these into their own options record. All problems are reported at once, in words a person can act on.
 */
public final class OptionValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

    private final Map<String, OptionSpec> specs;
    private final Map<String, String> values;

    private OptionValues(Map<String, OptionSpec> specs, Map<String, String> values) {
        this.specs = specs;
        this.values = values;
    }

    /**
     * Validates {@code raw} against {@code specs}: unknown names, missing required options and unparsable values
     * all fail with one {@link ConnectionException} of reason {@code INVALID_OPTIONS} listing every problem.
     */
    public static OptionValues parse(List<OptionSpec> specs, Map<String, String> raw) {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.put(spec.name(), spec));
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            if (!byName.containsKey(name)) {
                problems.add("unknown option '" + name + "' (known: " + String.join(", ", byName.keySet()) + ")");
            }
        });
        for (OptionSpec spec : specs) {
            String value = raw.get(spec.name());
            if (value == null || value.isBlank()) {
                value = spec.defaultValue();
            }
            if (value == null) {
                if (spec.required()) {
                    problems.add("option '" + spec.name() + "' is required: " + spec.description());
                }
                continue;
            }
            String problem = check(spec, value.trim());
            if (problem != null) {
                problems.add(problem);
            }
            values.put(spec.name(), value.trim());
        }
        if (!problems.isEmpty()) {
            throw new ConnectionException(ConnectionException.Reason.INVALID_OPTIONS,
                    "invalid connection options: " + String.join("; ", problems));
        }
        return new OptionValues(byName, values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name) {
        spec(name);
        return values.get(name);
    }

    public int integer(String name) {
        return Integer.parseInt(string(name));
    }

    public long longValue(String name) {
        return Long.parseLong(string(name));
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(string(name));
    }

    public Duration duration(String name) {
        return parseDuration(string(name));
    }

    public long size(String name) {
        return parseSize(string(name));
    }

    private OptionSpec spec(String name) {
        OptionSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no option named " + name);
        }
        return spec;
    }

    private static String check(OptionSpec spec, String value) {
        try {
            switch (spec.type()) {
                case INTEGER -> Integer.parseInt(value);
                case LONG -> Long.parseLong(value);
                case BOOLEAN -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        return "option '" + spec.name() + "' must be true or false, got '" + value + "'";
                    }
                }
                case DURATION -> parseDuration(value);
                case SIZE -> parseSize(value);
                case CHOICE -> {
                    if (!spec.choices().contains(value)) {
                        return "option '" + spec.name() + "' must be one of " + spec.choices() + ", got '" + value + "'";
                    }
                }
                case STRING, PATH -> {
                }
            }
            return null;
        } catch (NumberFormatException e) {
            return "option '" + spec.name() + "' must be a whole number, got '" + value + "'";
        } catch (IllegalArgumentException e) {
            return "option '" + spec.name() + "': " + e.getMessage();
        }
    }

    /** Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT5S}). */
    public static Duration parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 5s, 2m, PT1M)");
        }
    }

    /** Parses a byte count, plain or with a unit (B, KiB, MiB, GiB; KB, MB, GB are read as powers of 1024 too). */
    public static long parseSize(String text) {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 1048576, 64KiB, 16MiB)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit) {
            case "kib", "kb" -> 1L << 10;
            case "mib", "mb" -> 1L << 20;
            case "gib", "gb" -> 1L << 30;
            default -> 1L;
        };
        return Math.multiplyExact(amount, factor);
    }
}
