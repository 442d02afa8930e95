package dev.millrace.app.flow;

import java.util.concurrent.CompletableFuture;

/** Where a flow view looks up a correlation id: the live index, or recorded sessions as well. */
@FunctionalInterface
public interface FlowSource {

    /** The timeline of {@code correlationId}; may complete on any thread. */
    CompletableFuture<FlowTimeline> timeline(String correlationId);

    /** The live correlation index, answered at once. */
    static FlowSource live(CorrelationIndex index) {
        return correlationId -> CompletableFuture.completedFuture(index.timeline(correlationId));
    }
}
