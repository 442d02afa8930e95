package dev.millrace.broker.memory;

import dev.millrace.broker.Capabilities;
import dev.millrace.broker.Feature;
import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionType;
import dev.millrace.broker.OptionValues;
import dev.millrace.message.ConnectionException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of a memory connection, checked and typed.
 *
 * @param instance    name of the in-JVM broker; connections naming the same instance share it
 * @param persistent  keep every message (new groups replay history) rather than only what some group still needs
 * @param maxMessages most messages one topic retains
 * @param maxBytes    most bytes (see {@link StoredMessage#size()}) one instance retains
 * @param maxPayload  largest payload of one message
 */
record MemorySettings(String instance, boolean persistent, int maxMessages, long maxBytes, long maxPayload) {

    static final String INSTANCE = "instance";
    static final String PERSISTENT = "persistent";
    static final String MAX_MESSAGES = "max-messages";
    static final String MAX_BYTES = "max-bytes";
    static final String MAX_PAYLOAD = "max-payload";

    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional(INSTANCE, OptionType.STRING, "default",
                    "Name of the in-JVM broker; connections with the same name share its topics and groups"),
            OptionSpec.optional(PERSISTENT, OptionType.BOOLEAN, "true",
                    "Keep every message so that new consumer groups replay the history; when false, a message is "
                            + "dropped once every group has acked it, and messages published while no group "
                            + "exists are lost"),
            OptionSpec.optional(MAX_MESSAGES, OptionType.INTEGER, "1000000",
                    "Most messages one topic keeps; publishing beyond it fails"),
            OptionSpec.optional(MAX_BYTES, OptionType.SIZE, "512MiB",
                    "Most bytes (payloads plus headers) one instance keeps; publishing beyond it fails"),
            OptionSpec.optional(MAX_PAYLOAD, OptionType.SIZE, "64MiB",
                    "Largest payload one message may carry"));

    static final MemorySettings DEFAULTS = parse(Map.of());

    /** Checks {@code raw} and reports every problem at once as a {@link ConnectionException}. */
    static MemorySettings parse(Map<String, String> raw) {
        OptionValues values;
        try {
            values = OptionValues.parse(OPTIONS, raw);
        } catch (ArithmeticException e) {
            throw invalid(List.of("a size option is too large to count in bytes"));
        }
        MemorySettings settings = new MemorySettings(values.string(INSTANCE), values.bool(PERSISTENT),
                values.integer(MAX_MESSAGES), values.size(MAX_BYTES), values.size(MAX_PAYLOAD));
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return settings;
    }

    /** What a connection with these settings guarantees. */
    Capabilities capabilities() {
        Set<Feature> features = EnumSet.of(
                Feature.CONSUMER_GROUPS,
                Feature.GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER,
                Feature.SINGLE_INSTANCE,
                Feature.START_POSITIONS,
                Feature.PEEK,
                Feature.KEYS);
        if (persistent) {
            features.add(Feature.PERSISTENT);
            features.add(Feature.NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES);
        }
        return new Capabilities(features, maxPayload);
    }

    /** Whether a connection asking for {@code other} may share an instance opened with these settings. */
    boolean compatibleWith(MemorySettings other) {
        return persistent == other.persistent && maxMessages == other.maxMessages && maxBytes == other.maxBytes
                && maxPayload == other.maxPayload;
    }

    String describeLimits() {
        return PERSISTENT + "=" + persistent + ", " + MAX_MESSAGES + "=" + maxMessages + ", " + MAX_BYTES + "="
                + maxBytes + ", " + MAX_PAYLOAD + "=" + maxPayload;
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (maxMessages < 1 || maxMessages > EntryLog.MAX_ENTRIES) {
            problems.add("option '" + MAX_MESSAGES + "' must be between 1 and " + EntryLog.MAX_ENTRIES + ", got "
                    + maxMessages);
        }
        if (maxBytes < 1) {
            problems.add("option '" + MAX_BYTES + "' must be at least 1 byte, got " + maxBytes);
        }
        if (maxPayload < 1) {
            problems.add("option '" + MAX_PAYLOAD + "' must be at least 1 byte, got " + maxPayload);
        }
        if (maxPayload > maxBytes) {
            problems.add("option '" + MAX_PAYLOAD + "' (" + maxPayload + " bytes) must not exceed '" + MAX_BYTES
                    + "' (" + maxBytes + " bytes): such a message could never be stored");
        }
        return problems;
    }

    private static ConnectionException invalid(List<String> problems) {
        return new ConnectionException(ConnectionException.Reason.INVALID_OPTIONS,
                "invalid connection options: " + String.join("; ", problems));
    }
}
