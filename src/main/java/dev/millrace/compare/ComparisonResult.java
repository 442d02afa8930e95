package dev.millrace.compare;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A whole comparison: one workload on several brokers, side by side. Stored by {@link ComparisonStore}, rendered by
 * {@link ReportFormat}.
 *
 * @param id          unique, sortable by start time; the stored file's name
 * @param command     the command line that ran it, or {@code null} when it was started from the workbench
 * @param brokers     one result per target, in the order they ran
 * @param references  the honesty check's runs of the brokers' own tools; empty when it was not asked for
 */
public record ComparisonResult(String id, Workload workload, Instant startedAt, Instant finishedAt,
                               RunEnvironment environment, String command, List<BrokerResult> brokers,
                               List<ReferenceResult> references) {

    public ComparisonResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workload, "workload");
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
}
