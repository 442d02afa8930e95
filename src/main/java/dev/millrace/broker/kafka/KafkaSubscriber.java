package dev.millrace.broker.kafka;

import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Opens {@link KafkaSubscription}s, each with a consumer of its own. A subscription without a consumer group gets a
 * fresh group, which starts at the oldest retained message and is deleted when the subscription closes.
 */
final class KafkaSubscriber implements Subscriber {
    private final KafkaConnection connection;
    private final Set<KafkaSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    KafkaSubscriber(KafkaConnection connection) {
        this.connection = connection;
    }

    @Override
    public Subscription subscribe(String topic, SubscribeOptions options) {
        if (closed) {
            throw new MessagingException("the subscriber is closed");
        }
        connection.ensureTopic(topic);
        boolean ownGroup = options.consumerGroup() == null;
        String group = ownGroup ? "millrace-" + Message.newId() : options.consumerGroup();
        KafkaSubscription subscription = new KafkaSubscription(connection, topic, group, ownGroup,
                startOffsets(topic, options.start()), options.start() instanceof StartPosition.Earliest,
                this::forget);
        subscriptions.add(subscription);
        if (closed) {
            subscription.close();
        }
        return subscription;
    }

    /** Creates the topic: Kafka keeps every message for its retention time, whoever subscribes later. */
    @Override
    public void initialize(String topic, SubscribeOptions options) {
        connection.ensureTopic(topic);
    }

    /** Closes every subscription at once and waits until their consumers have left their groups. */
    @Override
    public void close() {
        closed = true;
        List<KafkaSubscription> open = List.copyOf(subscriptions);
        open.forEach(KafkaSubscription::beginClose);
        open.forEach(KafkaSubscription::close);
        connection.forget(this);
    }

    private void forget(KafkaSubscription subscription) {
        subscriptions.remove(subscription);
    }

    /**
     * Where each partition starts, resolved now: "latest" means the messages published after subscribe returns,
     * not after the consumer happens to join its group. Empty for {@code COMMITTED}, and for {@code EARLIEST}, which
     * the consumer resolves itself when it gets the partitions: that saves two admin round trips on every
     * subscribe, a measurable part of reading a topic from the start.
     */
    private Map<TopicPartition, Long> startOffsets(String topic, StartPosition start) {
        return switch (start) {
            case StartPosition.Committed committed -> Map.of();
            case StartPosition.Earliest earliest -> Map.of();
            case StartPosition.Latest latest -> connection.offsets(connection.partitions(topic), OffsetSpec.latest());
            case StartPosition.AtSequence at -> {
                // An offset past the end would count as out of range and send the consumer back to the start.
                Map<TopicPartition, Long> ends = connection.offsets(connection.partitions(topic), OffsetSpec.latest());
                yield ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        end -> Math.min(Math.max(0, at.sequence()), end.getValue())));
            }
            case StartPosition.AtTime at -> {
                List<TopicPartition> partitions = connection.partitions(topic);
                Map<TopicPartition, Long> ends = connection.offsets(partitions, OffsetSpec.latest());
                Map<TopicPartition, Long> found = connection.offsets(partitions,
                        OffsetSpec.forTimestamp(at.time().toEpochMilli()));
                // No message at or after the time: start at the end.
                yield ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        end -> found.getOrDefault(end.getKey(), -1L) >= 0 ? found.get(end.getKey()) : end.getValue()));
            }
        };
    }
}
