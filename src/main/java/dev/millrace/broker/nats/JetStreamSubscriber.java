package dev.millrace.broker.nats;

import dev.millrace.message.MessagingException;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Opens JetStream subscriptions: finds or creates the topic's stream, then the group's consumer. */
final class JetStreamSubscriber implements Subscriber {
    private final NatsClient client;
    private final String apiPrefix;
    private final Streams streams;
    private final Consumers consumers;
    private final int pullBatch;
    private final Releases releases;
    private final Consumer<JetStreamSubscriber> onClose;
    private final Set<JetStreamSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param apiPrefix the JetStream API subject prefix, with its trailing dot ({@code $JS.API.} by default) */
    JetStreamSubscriber(NatsClient client, String apiPrefix, Streams streams, Consumers consumers, int pullBatch,
            Releases releases, Consumer<JetStreamSubscriber> onClose) {
        this.client = client;
        this.apiPrefix = apiPrefix;
        this.streams = streams;
        this.consumers = consumers;
        this.pullBatch = pullBatch;
        this.releases = releases;
        this.onClose = onClose;
    }

    @Override
    public Subscription subscribe(String topic, SubscribeOptions options) {
        check(topic, options);
        Streams.Stream stream = streams.forTopic(topic);
        Consumers.Consumer consumer = consumers.forSubscription(stream, topic, options);
        JetStreamSubscription subscription = new JetStreamSubscription(topic, client, apiPrefix, consumers, consumer,
                pullBatch, client.maxPayload(), releases, subscriptions::remove);
        subscriptions.add(subscription);
        if (closed.get()) {
            subscription.close();
            ensureOpen();
        }
        return subscription;
    }

    /**
     * Creates the topic's stream, and the group's durable consumer when a group is given: with interest or work-queue
     * retention, a stream keeps messages only for consumers that exist.
     */
    @Override
    public void initialize(String topic, SubscribeOptions options) {
        check(topic, options);
        Streams.Stream stream = streams.forTopic(topic);
        if (options.consumerGroup() != null) {
            consumers.forSubscription(stream, topic, options);
        }
    }

    private void check(String topic, SubscribeOptions options) {
        Objects.requireNonNull(options, "options");
        ensureOpen();
        Subjects.requireValid(topic, true);
        if (options.consumerGroup() != null && options.consumerGroup().isBlank()) {
            throw new MessagingException("a consumer group name must not be blank");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            List.copyOf(subscriptions).forEach(JetStreamSubscription::close);
            onClose.accept(this);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new MessagingException("the subscriber is closed");
        }
    }
}
