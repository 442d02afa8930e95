package dev.millrace.compare;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.OptionSpec;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker's own benchmark tool, run for the honesty check on the same broker and with the same message size and
 * count as the workload's measured phase. The tools are not on Millrace's class path: each is located by a
 * {@code --tool <key>=<location>} setting (a class path or an executable) and run as a child process.
 */
sealed interface ReferenceTool permits KafkaPerfTools, RabbitPerfTest, NatsJsBench, JnatsBench {

    /** The key of the setting that locates the tool. */
    String key();

    /** The tool's name in reports. */
    String name();

    /** What the location setting must hold, for the message shown when it is missing. */
    String requirement();

    /** Whether this tool measures the broker {@code target} connects to. */
    boolean appliesTo(BrokerTarget target);

    /** Runs the tool for as many messages of the workload's size as Millrace measured; failures go into the result. */
    ReferenceResult run(BrokerTarget target, Workload workload, Measured measured, String location,
            ToolProcess process);

    /**
     * What Millrace did on the broker, for a tool to do the same.
     *
     * @param messages       measured messages the broker accepted
     * @param warmupMessages warm-up messages the broker accepted, published before the measured ones
     * @param topics         the topics Millrace's measuring consumers read, which the run left on the broker
     */
    record Measured(long messages, long warmupMessages, List<String> topics) {
        public Measured {
            topics = List.copyOf(topics);
        }
    }

    /** The target's option {@code name}, or the adapter's default for it, or {@code fallback}. */
    static String option(BrokerTarget target, String name, String fallback) {
        String given = target.options().get(name);
        if (given != null && !given.isBlank()) {
            return given;
        }
        return Brokers.find(target.adapterId()).map(BrokerAdapter::options).orElse(List.of()).stream()
                .filter(spec -> spec.name().equals(name)).map(OptionSpec::defaultValue)
                .filter(Objects::nonNull).findFirst().orElse(fallback);
    }

    /** A number the way the tools print them, thousands separators included. */
    static double number(String text) {
        return Double.parseDouble(text.replace(",", ""));
    }

    /** The first group of the last match of {@code pattern} in a tool's output, as a number; null without one. */
    static Double lastNumber(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        Double value = null;
        while (matcher.find()) {
            value = number(matcher.group(1));
        }
        return value;
    }
}
