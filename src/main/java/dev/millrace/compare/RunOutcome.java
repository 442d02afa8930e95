package dev.millrace.compare;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** How the run on one broker ended. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RunOutcome.Measured.class, name = "measured"),
    @JsonSubTypes.Type(value = RunOutcome.Unreachable.class, name = "unreachable"),
    @JsonSubTypes.Type(value = RunOutcome.Failed.class, name = "failed"),
    @JsonSubTypes.Type(value = RunOutcome.Cancelled.class, name = "cancelled")
})
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
