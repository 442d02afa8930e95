package dev.millrace.broker.memory;

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

/** Opens subscriptions on a memory broker and closes them all when it closes. */
final class MemorySubscriber implements Subscriber {
    private final MemoryBroker broker;
    private final Consumer<MemorySubscriber> onClose;
    private final Set<MemorySubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    MemorySubscriber(MemoryBroker broker, Consumer<MemorySubscriber> onClose) {
        this.broker = broker;
        this.onClose = onClose;
    }

    @Override
    public Subscription subscribe(String topic, SubscribeOptions options) {
        Objects.requireNonNull(options, "options");
        ensureOpen();
        MemorySubscription subscription = MemorySubscription.open(broker.topic(topic), options, this);
        subscriptions.add(subscription);
        if (closed.get()) {
            subscription.close();
            ensureOpen();
        }
        return subscription;
    }

    @Override
    public void initialize(String topic, SubscribeOptions options) {
        Objects.requireNonNull(options, "options");
        ensureOpen();
        broker.topic(topic).initialize(options);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            List.copyOf(subscriptions).forEach(MemorySubscription::close);
            onClose.accept(this);
        }
    }

    void forget(MemorySubscription subscription) {
        subscriptions.remove(subscription);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new MessagingException("the subscriber is closed");
        }
    }
}
