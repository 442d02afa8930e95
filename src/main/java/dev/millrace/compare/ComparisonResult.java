package dev.millrace.compare;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A whole comparison: one workload on several brokers, side by side. Stored by {@link ComparisonStore}, rendered by
 * {@link ReportFormat}.
 *
 * @param id          unique, sortable by start time; the key it is stored under
 * @param command     the command line that ran it, or {@code null} when it was started from the workbench
 * @param brokers     one result per target, in the order they ran
 * @param references  the honesty check's runs of the brokers' own tools; empty when it was not asked for
 */
public record ComparisonResult(String id, Workload workload, Instant startedAt, Instant finishedAt,
                               RunEnvironment environment, String command, List<BrokerResult> brokers,
                               List<ReferenceResult> references) {
    private static final DateTimeFormatter SIDE_BY_SIDE_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    public ComparisonResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workload, "workload");
        // Microseconds: what a database timestamp keeps (PostgreSQL's stop there), so a stored run loads back equal.
        startedAt = startedAt == null ? null : startedAt.truncatedTo(ChronoUnit.MICROS);
        finishedAt = finishedAt == null ? null : finishedAt.truncatedTo(ChronoUnit.MICROS);
        brokers = List.copyOf(brokers);
        references = references == null ? List.of() : List.copyOf(references);
    }

    public ComparisonResult withReferences(List<ReferenceResult> checked) {
        return new ComparisonResult(id, workload, startedAt, finishedAt, environment, command, brokers, checked);
    }

    public ComparisonResult withCommand(String commandLine) {
        return new ComparisonResult(id, workload, startedAt, finishedAt, environment, commandLine, brokers,
                references);
    }

    /** True when every broker was measured. */
    public boolean allMeasured() {
        return brokers.stream().allMatch(broker -> broker.outcome() instanceof RunOutcome.Measured);
    }
    /**
     * Several stored runs as one comparison, so that past runs can be read side by side: every run's columns in the
     * order of {@code runs}, each labelled with its run's start time in UTC ({@code memory @ 11-15 10:00:00}) and
     * noted with its workload when the runs did not all run the same one (then the numbers are not like for like).
     * The first run gives the workload and environment; the times span all runs.
     */
    public static ComparisonResult sideBySide(List<ComparisonResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("choose at least one run to set side by side");
        }
        ComparisonResult first = runs.getFirst();
        boolean sameWorkload = runs.stream().allMatch(run -> run.workload().equals(first.workload()));
        List<BrokerResult> columns = new ArrayList<>();
        List<ReferenceResult> checks = new ArrayList<>();
        for (ComparisonResult run : runs) {
            String when = " @ " + SIDE_BY_SIDE_TIME.format(run.startedAt());
            for (BrokerResult broker : run.brokers()) {
                List<String> notes = new ArrayList<>(broker.notes());
                notes.add("from run " + run.id() + (sameWorkload ? "" : ", workload " + run.workload().name()));
                columns.add(new BrokerResult(broker.label() + when, broker.adapterId(), broker.displayName(),
                        broker.options(), broker.features(), notes, broker.outcome()));
            }
            run.references().forEach(reference -> checks.add(new ReferenceResult(reference.label() + when,
                    reference.tool(), reference.command(), reference.publishRate(), reference.consumeRate(),
                    reference.method(), reference.problem())));
        }
        Instant started = runs.stream().map(ComparisonResult::startedAt).min(Instant::compareTo).orElseThrow();
        Instant finished = runs.stream().map(ComparisonResult::finishedAt).max(Instant::compareTo).orElseThrow();
        return new ComparisonResult("side-by-side-" + String.join("+", runs.stream().map(ComparisonResult::id).toList()),
                first.workload(), started, finished, first.environment(), null, columns, checks);
    }
}
