package dev.millrace.broker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the admin view knows about one topic.
 *
 * @param info       the browse-list entry
 * @param attributes broker-specific facts as label → value, insertion-ordered (configs, retention, stream info)
 * @param partitions partitions with their offsets; one entry for brokers without partitions
 * @param consumers  consumer groups / durable consumers / queues reading it, with their backlog
 */
public record TopicDetails(
        TopicInfo info,
        Map<String, String> attributes,
        List<PartitionInfo> partitions,
        List<ConsumerInfo> consumers) {

    public TopicDetails {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        partitions = List.copyOf(partitions);
        consumers = List.copyOf(consumers);
    }

    /** A partition (or the whole topic) with the sequence range it holds. */
    public record PartitionInfo(int partition, long firstSequence, long nextSequence) {
    }

    /**
     * A reader of the topic.
     *
     * @param name     consumer group, durable name or queue
     * @param members  connected subscriptions
     * @param pending  delivered-but-unacked plus not-yet-delivered messages (lag)
     */
    public record ConsumerInfo(String name, int members, long pending) {
    }
}
