package dev.millrace.broker.kafka;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.Feature;
import dev.millrace.broker.OptionSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Apache Kafka, through the official Java client.
 *
 * <p>What it declares, and why:
 * <ul>
 *   <li>{@code CONSUMER_GROUPS}: subscriptions are Kafka consumer group members; a subscription without a group
 *       gets a group of its own.</li>
 *   <li>{@code GUARANTEED_ORDER}: per partition, hence per key; a nacked message is handed out again before the
 *       rest of its partition.</li>
 *   <li>{@code PERSISTENT}: offsets are committed only for acked messages, so an unacked message comes back to the
 *       next member of the group.</li>
 *   <li>{@code NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES}: a subscription without a group starts a fresh group, and a
 *       fresh group starts at the oldest message the topic retains.</li>
 *   <li>{@code PARALLEL_STREAMS}: each partition is a stream; one subscription hands out one unsettled message per
 *       partition to concurrent readers.</li>
 *   <li>Not {@code EXACTLY_ONCE}: after a rebalance or a crash a message may come again.</li>
 * </ul>
 */
public final class KafkaBrokerAdapter implements BrokerAdapter {
    static final String ID = "kafka";

    private static final EnumSet<Feature> FEATURES = EnumSet.of(
            Feature.CONSUMER_GROUPS,
            Feature.GUARANTEED_ORDER,
            Feature.PERSISTENT,
            Feature.NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES,
            Feature.PARALLEL_STREAMS,
            Feature.NETWORK,
            Feature.AUTHENTICATION,
            Feature.KEYS,
            Feature.PARTITIONS,
            Feature.START_POSITIONS,
            Feature.PEEK);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Apache Kafka";
    }

    @Override
    public List<OptionSpec> options() {
        return KafkaOptions.SPECS;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities(KafkaOptions.DEFAULT_MAX_PAYLOAD_BYTES);
    }

    @Override
    public BrokerConnection connect(Map<String, String> options) {
        return KafkaConnection.open(this, KafkaOptions.parse(options));
    }

    /** The features, with the payload limit that {@code max.payload.size} sets. */
    static Capabilities capabilities(long maxPayloadBytes) {
        return new Capabilities(FEATURES, maxPayloadBytes);
    }
}
