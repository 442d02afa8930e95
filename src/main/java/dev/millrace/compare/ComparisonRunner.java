package dev.millrace.compare;

import dev.millrace.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs one workload on several brokers in turn and collects their results side by side. This is the service the
 * {@code compare} command and the workbench's compare view drive.
 *
 * <p><b>Use from a UI.</b> {@link #run} blocks for the whole comparison (seconds to minutes), so call it from a
 * worker thread, never from the UI thread. It reports through {@code listener} from that worker thread: phase
 * changes, a {@link CompareEvent.Progress} snapshot every {@link RunSettings#progressInterval()} (not per message),
 * each broker's result as it finishes, and the whole result at the end; hand them to the UI thread in one
 * {@code Platform.runLater} per event. To stop, call {@link CancelFlag#cancel()} from any thread: the running
 * broker stops within about a progress interval (plus the publish call in progress), its column and those not yet
 * started say "cancelled", and {@code run} returns the partial result. Do not interrupt the worker thread to
 * cancel; an interrupt is treated as a cancel, but it may also cut off a broker client in the middle of its work.
 *
 * <pre>{@code
 * CancelFlag cancel = new CancelFlag();
 * ComparisonResult result = new ComparisonRunner().run(Workloads.builtIn("fixed-rate-latency"),
 *         List.of(BrokerTarget.of("memory"), BrokerTarget.parse("nats").withOption("servers", url)),
 *         event -> Platform.runLater(() -> viewModel.show(event)), cancel);
 * new ComparisonStore(recordStore).save(result);   // on a worker thread too: it writes to H2
 * }</pre>
 *
 * <p>A broker that cannot be reached does not stop the comparison: its column says why, and the next broker runs.
 */
public final class ComparisonRunner {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final RunSettings settings;

    public ComparisonRunner() {
        this(RunSettings.DEFAULTS);
    }

    public ComparisonRunner(RunSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs {@code workload} on each of {@code targets} in order and returns every column, also those that failed.
     *
     * @param listener receives progress on the calling thread; must not block for long
     * @param cancel   stops the comparison when set
     */
    public ComparisonResult run(Workload workload, List<BrokerTarget> targets, Consumer<CompareEvent> listener,
            CancelFlag cancel) {
        Objects.requireNonNull(workload, "workload");
        requireDistinctLabels(targets);
        Instant started = Instant.now();
        String id = newId(started, workload);
        List<BrokerResult> results = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            BrokerTarget target = targets.get(i);
            BrokerResult result;
            if (cancel.isCancelled()) {
                result = BrokerRun.notStarted(target);
            } else {
                listener.accept(new CompareEvent.BrokerStarting(target.label(), i, targets.size()));
                result = new BrokerRun(target, runId(id, i), workload, settings, listener, cancel).run();
            }
            results.add(result);
            listener.accept(new CompareEvent.BrokerFinished(result));
        }
        ComparisonResult comparison = new ComparisonResult(id, workload, started, Instant.now(),
                RunEnvironment.current(), null, results, List.of());
        listener.accept(new CompareEvent.ComparisonFinished(comparison));
        return comparison;
    }

    /** Sortable by start time, then unique: {@code 20261115-142301-max-throughput-1a2b3c}. */
    private static String newId(Instant started, Workload workload) {
        String name = workload.name().replaceAll("[^A-Za-z0-9_-]", "_");
        return ID_TIME.format(started) + "-" + name + "-" + Message.newId().substring(0, 6);
    }

    /**
     * The id that names the topics and groups of the run of column {@code index} of comparison {@code comparisonId}
     * ({@code compare-<run id>-0}, ...): 8 hex digits, unique across runs as the comparison's id is, and derived so
     * that the honesty check finds the topics a run left on its broker.
     */
    static String runId(String comparisonId, int index) {
        return UUID.nameUUIDFromBytes((comparisonId + "/" + index).getBytes(StandardCharsets.UTF_8)).toString()
                .substring(0, 8);
    }

    private static void requireDistinctLabels(List<BrokerTarget> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one broker");
        }
        List<String> seen = new ArrayList<>();
        for (BrokerTarget target : targets) {
            if (seen.contains(target.label())) {
                throw new IllegalArgumentException("broker '" + target.label() + "' is listed twice; give the second "
                        + "a label of its own, e.g. " + target.label() + "-2:" + target.adapterId());
            }
            seen.add(target.label());
        }
    }
}
