package dev.millrace.broker.nats;

import dev.millrace.message.MessagingException;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Opens core NATS subscriptions; a consumer group becomes a queue group. {@link #initialize} has nothing to create:
 * core NATS keeps no message for a subject nobody subscribes to, whatever was set up before.
 */
final class CoreSubscriber implements Subscriber {
    private final NatsClient client;
    private final long pendingBytes;
    private final Duration requestTimeout;
    private final Consumer<CoreSubscriber> onClose;
    private final Set<CoreSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    CoreSubscriber(NatsClient client, long pendingBytes, Duration requestTimeout,
            Consumer<CoreSubscriber> onClose) {
        this.client = client;
        this.pendingBytes = pendingBytes;
        this.requestTimeout = requestTimeout;
        this.onClose = onClose;
    }

    /**
     * Subscribes and returns once the server has the subscription (a flush after the SUB), so that a message
     * published after this returns is delivered to it, from any connection.
     */
    @Override
    public Subscription subscribe(String topic, SubscribeOptions options) {
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
        io.nats.client.Subscription natsSubscription;
        try {
            natsSubscription = group == null
                    ? client.connection().subscribe(topic) : client.connection().subscribe(topic, group);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new MessagingException("cannot subscribe to '" + topic + "': " + e.getMessage(), e);
        }
        // No count limit: the byte limit is what protects memory, and it is an option.
        natsSubscription.setPendingLimits(0, pendingBytes);
        CoreSubscription subscription = new CoreSubscription(topic, natsSubscription, subscriptions::remove);
        subscriptions.add(subscription);
        if (closed.get()) {
            subscription.close();
            ensureOpen();
        }
        awaitServer(topic, subscription);
        return subscription;
    }

    private void awaitServer(String topic, CoreSubscription subscription) {
        try {
            client.flush(requestTimeout);
        } catch (TimeoutException | IllegalStateException e) {
            subscription.close();
            throw new MessagingException("the NATS server did not confirm the subscription to '" + topic
                    + "' within " + requestTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            subscription.close();
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while subscribing to '" + topic + "'", e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            List.copyOf(subscriptions).forEach(CoreSubscription::close);
            onClose.accept(this);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new MessagingException("the subscriber is closed");
        }
    }
}
