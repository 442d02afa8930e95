package dev.millrace.broker.nats;

import dev.millrace.message.MessagingException;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import io.nats.client.Connection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Opens core NATS subscriptions; a consumer group becomes a queue group. Core NATS keeps nothing for subjects
 * nobody listens to, so {@link #initialize} opens the client subscription at once and parks it: messages published
 * from then on wait in the client until {@link #subscribe} with the same topic and group takes it over.
 */
final class CoreSubscriber implements Subscriber {
    private final Connection connection;
    private final long pendingBytes;
    private final Consumer<CoreSubscriber> onClose;
    private final Set<CoreSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Map<Parked, io.nats.client.Subscription> parked = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private record Parked(String topic, String group) {
    }

    CoreSubscriber(Connection connection, long pendingBytes, Consumer<CoreSubscriber> onClose) {
        this.connection = connection;
        this.pendingBytes = pendingBytes;
        this.onClose = onClose;
    }

    @Override
    public Subscription subscribe(String topic, SubscribeOptions options) {
        Parked key = key(topic, options);
        io.nats.client.Subscription client = parked.remove(key);
        if (client == null) {
            client = open(key);
        }
        CoreSubscription subscription = new CoreSubscription(topic, client, subscriptions::remove);
        subscriptions.add(subscription);
        if (closed.get()) {
            subscription.close();
            ensureOpen();
        }
        return subscription;
    }

    @Override
    public void initialize(String topic, SubscribeOptions options) {
        Parked key = key(topic, options);
        parked.computeIfAbsent(key, this::open);
        if (closed.get()) {
            unparkAll();
            ensureOpen();
        }
    }

    private Parked key(String topic, SubscribeOptions options) {
        Objects.requireNonNull(options, "options");
        ensureOpen();
        Subjects.requireValid(topic, true);
        if (options.start() instanceof StartPosition.AtSequence || options.start() instanceof StartPosition.AtTime) {
            throw new MessagingException("core NATS keeps no history, so a subscription cannot start at a sequence "
                    + "or a time; use the jetstream adapter for that");
        }
        String group = options.consumerGroup();
        if (group != null && (group.isEmpty() || group.chars().anyMatch(c -> c <= ' '))) {
            throw new MessagingException("consumer group '" + group + "' is not a valid NATS queue group name "
                    + "(no white space)");
        }
        return new Parked(topic, group);
    }

    private io.nats.client.Subscription open(Parked key) {
        try {
            io.nats.client.Subscription client = key.group() == null
                    ? connection.subscribe(key.topic())
                    : connection.subscribe(key.topic(), key.group());
            // Count limits are off: the byte limit is what protects memory, and it is an option.
            client.setPendingLimits(0, pendingBytes);
            return client;
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new MessagingException("cannot subscribe to '" + key.topic() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            List.copyOf(subscriptions).forEach(CoreSubscription::close);
            unparkAll();
            onClose.accept(this);
        }
    }

    private void unparkAll() {
        parked.keySet().forEach(key -> {
            io.nats.client.Subscription client = parked.remove(key);
            if (client != null) {
                try {
                    client.unsubscribe();
                } catch (IllegalStateException alreadyInactive) {
                    // The connection closed first.
                }
            }
        });
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new MessagingException("the subscriber is closed");
        }
    }
}
