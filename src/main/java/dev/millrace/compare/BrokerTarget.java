package dev.millrace.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of a comparison: a broker adapter with the options to connect it with, under a label. The label is
 * the adapter id unless the same adapter runs twice with different options ({@code amqp-quorum:amqp}).
 *
 * @param label     name of the column, unique within a comparison
 * @param adapterId id of the adapter, as {@link dev.millrace.broker.Brokers#require} takes it
 * @param options   connection options, as the adapter's {@link dev.millrace.broker.OptionSpec}s name them
 */
public record BrokerTarget(String label, String adapterId, Map<String, String> options) {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    public BrokerTarget {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(adapterId, "adapterId");
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("broker label '" + label
                    + "' must start with a letter or digit and hold only letters, digits, '-' and '_'");
        }
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The adapter {@code adapterId} under its own id as label, with no options. */
    public static BrokerTarget of(String adapterId) {
        return new BrokerTarget(adapterId, adapterId, Map.of());
    }

    /**
     * Reads {@code adapter} or {@code label:adapter}, the forms {@code compare --brokers} takes.
     */
    public static BrokerTarget parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            return of(trimmed);
        }
        return new BrokerTarget(trimmed.substring(0, colon).trim(), trimmed.substring(colon + 1).trim(), Map.of());
    }

    /** The same target with one more option (replacing one of the same name). */
    public BrokerTarget withOption(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        copy.put(name, value);
        return new BrokerTarget(label, adapterId, copy);
    }
}
