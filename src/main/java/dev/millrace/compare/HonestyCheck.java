package dev.millrace.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs the brokers' own benchmark tools after a comparison, in the same session and on the same brokers, so that a
 * report can show Millrace's rates as a ratio of what the broker's own tool gets. Best effort: a tool that is not
 * located, fails, or prints nothing readable gives a result that says so, never an exception.
 *
 * <p>The tools: {@code kafka-tools} (Kafka's producer and consumer perf tests), {@code perf-test} (RabbitMQ
 * PerfTest), and for core NATS {@code nats-js-bench} (the bench of the NATS JavaScript client's npm package) or
 * {@code nats-bench} (jnats' NatsBench, which no registry publishes runnable). Each is located by a class path or a
 * directory; see {@link #requirements()}. Where two tools measure one broker, the first located one runs. Blocking,
 * like {@link ComparisonRunner#run}.
 */
public final class HonestyCheck {
    private static final List<ReferenceTool> TOOLS = List.of(new KafkaPerfTools(), new RabbitPerfTest(),
            new NatsJsBench(), new JnatsBench());

    private final Map<String, String> locations;
    private final Duration timeout;

    /**
     * @param locations tool key → class path
     * @param timeout   longest one tool may run
     */
    public HonestyCheck(Map<String, String> locations, Duration timeout) {
        this.locations = Map.copyOf(locations);
        this.timeout = timeout;
        List<String> keys = TOOLS.stream().map(ReferenceTool::key).toList();
        locations.keySet().stream().filter(key -> !keys.contains(key)).findFirst().ifPresent(key -> {
            throw new IllegalArgumentException("unknown tool '" + key + "'; known: " + String.join(", ", keys));
        });
    }

    /** Tool key → what its location must be. */
    public static Map<String, String> requirements() {
        Map<String, String> requirements = new LinkedHashMap<>();
        TOOLS.forEach(tool -> requirements.put(tool.key(), tool.name() + ": " + tool.requirement()));
        return requirements;
    }

    /**
     * Runs the tool of each measured broker that has one, with as many messages as Millrace measured there.
     *
     * @param log one line per tool started, for progress output
     */
    public List<ReferenceResult> run(ComparisonResult result, List<BrokerTarget> targets, Consumer<String> log,
            CancelFlag cancel) {
        List<ReferenceResult> checked = new ArrayList<>();
        ToolProcess process = new ToolProcess(timeout, cancel);
        for (BrokerTarget target : targets) {
            List<ReferenceTool> applicable = TOOLS.stream().filter(candidate -> candidate.appliesTo(target)).toList();
            Optional<ReferenceTool> tool = applicable.stream()
                    .filter(candidate -> locations.containsKey(candidate.key())).findFirst();
            int column = labels(result).indexOf(target.label());
            Optional<Metrics> measured = column < 0 ? Optional.empty() : result.brokers().get(column).metrics();
            if (applicable.isEmpty() || measured.isEmpty() || measured.get().sent() == 0 || cancel.isCancelled()) {
                continue;
            }
            if (tool.isEmpty()) {
                checked.add(new ReferenceResult(target.label(), applicable.getFirst().name(), null, null, null, null,
                        "not located: give " + applicable.stream()
                                .map(candidate -> "--tool " + candidate.key() + "=<" + candidate.requirement() + ">")
                                .collect(Collectors.joining(" or "))));
                continue;
            }
            String location = locations.get(tool.get().key());
            log.accept("[" + target.label() + "] running " + tool.get().name() + " with " + measured.get().sent()
                    + " messages");
            try {
                checked.add(tool.get().run(target, result.workload(), measured(result, column), location, process));
            } catch (RuntimeException e) {
                checked.add(new ReferenceResult(target.label(), tool.get().name(), null, null, null, null,
                        e.getMessage()));
            }
        }
        return checked;
    }

    /**
     * What Millrace did in column {@code column} of {@code result}: its counts, and the topics its measuring
     * consumers read, which the run left on the broker under names derived from the comparison's id.
     */
    static ReferenceTool.Measured measured(ComparisonResult result, int column) {
        Metrics metrics = result.brokers().get(column).metrics().orElseThrow();
        Route route = Route.of(result.workload(), ComparisonRunner.runId(result.id(), column), 1);
        return new ReferenceTool.Measured(metrics.sent(), metrics.warmupSent(), route.measuredTopics());
    }

    private static List<String> labels(ComparisonResult result) {
        return result.brokers().stream().map(BrokerResult::label).toList();
    }
}
