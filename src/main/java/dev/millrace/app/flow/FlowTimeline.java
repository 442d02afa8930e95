package dev.millrace.app.flow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything seen for one correlation id, in time order, with the hops between places (topic to handler to topic)
 * and how long each took.
 *
 * @param correlationId the id shared by the steps
 * @param steps         ordered by the nanosecond clock
 */
public record FlowTimeline(String correlationId, List<FlowStep> steps) {

    /** Moving from one place to the next: {@code incoming_topic → hello_handler}, and how long it took. */
    public record Hop(String from, String to, long nanos) {
    }

    public FlowTimeline {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The hops between consecutive steps at different places; repeats at the same place are not hops. */
    public List<Hop> hops() {
        List<Hop> hops = new ArrayList<>();
        for (int i = 1; i < steps.size(); i++) {
            FlowStep previous = steps.get(i - 1);
            FlowStep step = steps.get(i);
            if (!previous.place().equals(step.place())) {
                hops.add(new Hop(previous.place(), step.place(), step.nanos() - previous.nanos()));
            }
        }
        return hops;
    }

    /**
     * Each place once, in the order first seen: {@code incoming_topic → hello_handler → outgoing_topic}. A place seen
     * again (a live view's own copy of a message arriving after the handler already answered) is a step of the
     * timeline, not a second stop on the path.
     */
    public String path() {
        Set<String> places = new LinkedHashSet<>();
        for (FlowStep step : steps) {
            places.add(step.place());
        }
        return String.join(" → ", places);
    }

    /** Time from the first step to the last. */
    public long totalNanos() {
        return steps.isEmpty() ? 0 : steps.getLast().nanos() - steps.getFirst().nanos();
    }
}
