package dev.millrace.broker.memory;

import dev.millrace.message.Context;
import dev.millrace.message.Message;
import dev.millrace.message.Outcome;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscription;
import java.time.Duration;
import java.util.concurrent.locks.Condition;

/**
 * A subscription to a memory topic. It holds at most one unsettled message; {@link #receive(Duration)} and the
 * message's ack run on the caller's thread, with no hand-over to another thread.
 *
 * <p>Fields other than {@code closed} are guarded by the topic's lock; {@code closed} is also read without it.
 */
final class MemorySubscription implements Subscription {
    private final Topic topic;
    private final MemorySubscriber owner;
    private final Condition settled;
    private final Context context = Context.background().withCancel();
    private ConsumerGroup group;
    private Delivery current;
    private volatile boolean closed;

    private MemorySubscription(Topic topic, MemorySubscriber owner) {
        this.topic = topic;
        this.owner = owner;
        this.settled = topic.newCondition();
    }

    static MemorySubscription open(Topic topic, SubscribeOptions options, MemorySubscriber owner) {
        MemorySubscription subscription = new MemorySubscription(topic, owner);
        topic.join(subscription, options);
        return subscription;
    }

    @Override
    public String topic() {
        return topic.name();
    }

    @Override
    public Message receive(Duration timeout) throws InterruptedException {
        Delivery delivery = topic.take(this, nanos(timeout));
        if (delivery == null || closed) {
            return null;
        }
        Message message = delivery.toMessage(topic.name());
        Context messageContext = context.withCancel();
        message.setContext(messageContext);
        message.whenSettled(outcome -> {
            topic.settle(delivery, outcome);
            messageContext.cancel(outcome == Outcome.ACKED ? "acked" : "nacked");
        });
        return message;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (topic.leave(this)) {
            context.cancel("subscription closed");
            owner.forget(this);
        }
    }

    ConsumerGroup group() {
        return group;
    }

    void joined(ConsumerGroup joinedGroup) {
        group = joinedGroup;
    }

    Delivery current() {
        return current;
    }

    void setCurrent(Delivery delivery) {
        current = delivery;
    }

    void markClosed() {
        closed = true;
    }

    long awaitSettled(long nanos) throws InterruptedException {
        return settled.awaitNanos(nanos);
    }

    void signalSettled() {
        settled.signal();
    }

    void signalAllSettled() {
        settled.signalAll();
    }

    private static long nanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "MemorySubscription[topic=" + topic.name() + ", group=" + group.label() + ", closed=" + closed + "]";
    }
}
