package dev.millrace.app.flow;

import dev.millrace.app.message.CapturedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recent messages by correlation id, across every live view, connection and the demo: selecting one message shows
 * its whole flow. Bounded twice (flows kept, steps per flow) so that a long session cannot grow it without end;
 * the least recently touched flows go first. Fed from reader threads, so every method is quick and synchronized.
 */
public final class CorrelationIndex {
    static final int MAX_FLOWS = 20_000;
    static final int MAX_STEPS_PER_FLOW = 200;
    private static final Comparator<FlowStep> IN_ORDER = Comparator.comparingLong(FlowStep::nanos)
            .thenComparingInt(CorrelationIndex::causalRank);

    private static final class Flow {
        final List<FlowStep> steps = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
    }

    private final int maxFlows;
    private final Map<String, Flow> flows;

    public CorrelationIndex() {
        this(MAX_FLOWS);
    }

    CorrelationIndex(int maxFlows) {
        this.maxFlows = maxFlows;
        this.flows = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Flow> eldest) {
                return size() > CorrelationIndex.this.maxFlows;
            }
        };
    }

    /** Notes a received message; messages without a correlation id are ignored. */
    public void received(CapturedMessage message) {
        String correlationId = message.correlationId();
        if (correlationId.isEmpty()) {
            return;
        }
        // Two live views on the same topic capture the same message; it is one step.
        add(correlationId, message.connection() + '\u0000' + message.topic() + '\u0000' + message.id(),
                new FlowStep.Received(message));
    }

    public void published(String correlationId, String connection, String topic, String messageId, Instant at, long nanos) {
        if (!correlationId.isEmpty()) {
            add(correlationId, "published\u0000" + topic + '\u0000' + messageId,
                    new FlowStep.Published(connection, topic, messageId, at, nanos));
        }
    }

    public void handled(String correlationId, String handler, String messageId, Instant at, long nanos) {
        if (!correlationId.isEmpty()) {
            add(correlationId, "handled\u0000" + handler + '\u0000' + messageId,
                    new FlowStep.Handled(handler, messageId, at, nanos));
        }
    }

    private synchronized void add(String correlationId, String identity, FlowStep step) {
        Flow flow = flows.computeIfAbsent(correlationId, id -> new Flow());
        if (flow.steps.size() < MAX_STEPS_PER_FLOW && flow.seen.add(identity)) {
            flow.steps.add(step);
        }
    }

    /**
     * Everything known for {@code correlationId}, in time order; empty when nothing is. A handler that consumed a
     * message saw it on its topic, so a message is on its topic no later than its handler started, even when a live
     * view received its own copy a little later.
     */
    public synchronized FlowTimeline timeline(String correlationId) {
        Flow flow = flows.get(correlationId);
        List<FlowStep> recorded = flow == null ? List.of() : List.copyOf(flow.steps);
        Map<String, Long> handledAt = new HashMap<>();
        for (FlowStep step : recorded) {
            if (step instanceof FlowStep.Handled handled) {
                handledAt.merge(handled.messageId(), handled.nanos(), Math::min);
            }
        }
        List<FlowStep> steps = new ArrayList<>(recorded.size());
        for (FlowStep step : recorded) {
            if (step instanceof FlowStep.Received received && handledAt.containsKey(received.message().id())) {
                steps.add(new FlowStep.Received(received.message(),
                        Math.min(received.nanos(), handledAt.get(received.message().id()))));
            } else {
                steps.add(step);
            }
        }
        steps.sort(IN_ORDER);
        return new FlowTimeline(correlationId, steps);
    }

    /** At equal times, causes first: published, then on the topic, then handled. */
    private static int causalRank(FlowStep step) {
        return switch (step) {
            case FlowStep.Published published -> 0;
            case FlowStep.Received received -> 1;
            case FlowStep.Handled handled -> 2;
        };
    }

    public synchronized int size() {
        return flows.size();
    }
}
