package dev.millrace.compare;

/** How the run on one broker ended. */
public sealed interface RunOutcome {

    /** The workload ran; the metrics may still show errors or lost messages. */
    record Measured(Metrics metrics) implements RunOutcome {
    }

    /** No connection: the address, port, credentials or options were wrong; the reason says which. */
    record Unreachable(String reason) implements RunOutcome {
    }

    /** Connected, but setting the run up or running it failed. */
    record Failed(String reason) implements RunOutcome {
    }

    /** The comparison was cancelled before this broker finished. */
    record Cancelled(String reason) implements RunOutcome {
    }

    /** Why this broker was not measured, in plain words; empty when it was. */
    default String reason() {
        return "";
    }

    /** A few words for a report cell: "measured", "unreachable", ... */
    default String status() {
        return switch (this) {
            case Measured measured -> "measured";
            case Unreachable unreachable -> "unreachable";
            case Failed failed -> "failed";
            case Cancelled cancelled -> "cancelled";
        };
    }
}
