package dev.millrace.compare;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.OptionSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The brokers of a comparison as the command line names them: {@code --brokers memory,kafka,amqp-quorum:amqp}, each
 * one's options as {@code -o <label>.<option>=<value>} (the label is the adapter id unless given), and options not
 * given on the command line from environment variables {@code MILLRACE_<LABEL>_<OPTION>}, upper case with every
 * other character an underscore: {@code MILLRACE_KAFKA_BOOTSTRAP_SERVERS}, {@code MILLRACE_NATS_SERVERS}.
 */
public final class BrokerTargets {
    static final String ENVIRONMENT_PREFIX = "MILLRACE_";

    private BrokerTargets() {
    }

    /**
     * @param brokers     comma-separated {@code adapter} or {@code label:adapter} entries
     * @param options     {@code label.option} → value
     * @param environment where {@code MILLRACE_<LABEL>_<OPTION>} variables are looked up
     */
    public static List<BrokerTarget> parse(String brokers, Map<String, String> options,
            Map<String, String> environment) {
        List<BrokerTarget> targets = new ArrayList<>(Arrays.stream(brokers.split(","))
                .map(String::trim).filter(entry -> !entry.isEmpty()).map(BrokerTarget::parse).toList());
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("name at least one broker, e.g. --brokers memory,kafka,nats");
        }
        Map<String, Map<String, String>> byLabel = new LinkedHashMap<>();
        targets.forEach(target -> byLabel.put(target.label(), new LinkedHashMap<>()));
        options.forEach((key, value) -> {
            int dot = key.indexOf('.');
            String label = dot < 0 ? "" : key.substring(0, dot);
            if (!byLabel.containsKey(label)) {
                throw new IllegalArgumentException("option '" + key + "' must start with one of the brokers' labels "
                        + "and a dot, e.g. " + targets.get(0).label() + ".<option>=<value>; brokers: "
                        + String.join(", ", byLabel.keySet()));
            }
            byLabel.get(label).put(key.substring(dot + 1), value);
        });
        List<BrokerTarget> resolved = new ArrayList<>();
        for (BrokerTarget target : targets) {
            Map<String, String> given = byLabel.get(target.label());
            Optional<BrokerAdapter> adapter = Brokers.find(target.adapterId());
            for (OptionSpec spec : adapter.map(BrokerAdapter::options).orElse(List.of())) {
                String value = environment.get(variable(target.label(), spec.name()));
                if (value != null && !given.containsKey(spec.name())) {
                    given.put(spec.name(), value);
                }
            }
            resolved.add(new BrokerTarget(target.label(), target.adapterId(), given));
        }
        return resolved;
    }

    /** {@code MILLRACE_<LABEL>_<OPTION>}: upper case, every character but letters and digits an underscore. */
    public static String variable(String label, String option) {
        return ENVIRONMENT_PREFIX + normalise(label) + "_" + normalise(option);
    }

    private static String normalise(String text) {
        return text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
