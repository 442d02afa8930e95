package dev.millrace.record;

import dev.millrace.broker.BrokerConnection;
import java.util.Objects;

/**
 * What to replay, where to and how fast.
 *
 * @param sessionId the recorded session
 * @param filter    the part to send ({@link MessageFilter#ALL} for all of it); gap markers are never sent
 * @param target    the connection to publish on (any broker); the replay makes its own publisher and closes it
 * @param mapping   recorded topic → target topic
 * @param timing    as fast as possible, original or scaled
 */
public record ReplayRequest(long sessionId, MessageFilter filter, BrokerConnection target, TopicMapping mapping,
        ReplayTiming timing) {

    public ReplayRequest {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(timing, "timing");
    }

    /** The whole session to the same topics, as fast as possible. */
    public static ReplayRequest of(long sessionId, BrokerConnection target) {
        return new ReplayRequest(sessionId, MessageFilter.ALL, target, TopicMapping.identity(),
                ReplayTiming.AS_FAST_AS_POSSIBLE);
    }

    public ReplayRequest withFilter(MessageFilter newFilter) {
        return new ReplayRequest(sessionId, newFilter, target, mapping, timing);
    }

    public ReplayRequest withMapping(TopicMapping newMapping) {
        return new ReplayRequest(sessionId, filter, target, newMapping, timing);
    }

    public ReplayRequest withTiming(ReplayTiming newTiming) {
        return new ReplayRequest(sessionId, filter, target, mapping, newTiming);
    }
}
