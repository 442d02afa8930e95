package dev.millrace.broker.nats;

import dev.millrace.message.Context;
import dev.millrace.message.Message;
import dev.millrace.message.Outcome;
import dev.millrace.message.Subscription;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The part of a NATS subscription that is the same for core NATS and JetStream: at most one unsettled message per
 * subscription, fetched and handed out on the caller's thread, and a close that ends every wait at once and gives
 * the unsettled message back.
 *
 * <p>A delivery is given back or settled exactly once, whichever of {@link #close()} and the reader's ack or nack
 * comes first: a late ack after close does not undo the give-back that close did.
 *
 * @param <R> what the subclass receives from the client for one delivery
 */
abstract class GatedSubscription<R> implements Subscription {
    /** Longest a fetch may block in the client before it looks at the closed flag again. */
    static final Duration SLICE = Duration.ofMillis(100);

    private final String topic;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition free = lock.newCondition();
    private final Context context = Context.background().withCancel();
    private boolean busy;
    private Delivery<R> current;
    private volatile boolean closed;

    GatedSubscription(String topic) {
        this.topic = topic;
    }

    /**
     * Waits until {@code deadline} ({@link System#nanoTime()}) for the next delivery; returns null on timeout or when
     * the subscription closed. Blocks at most {@link #SLICE} at a time, so that a close is noticed promptly.
     */
    abstract R fetch(long deadline) throws InterruptedException;

    /** A new message for one delivery, with its envelope. */
    abstract Message toMessage(R delivery);

    /** Passes the reader's verdict to the broker. */
    abstract void settle(R delivery, Outcome outcome);

    /** Returns a delivery nobody will settle, because the subscription closed. */
    abstract void giveBack(R delivery);

    /** Releases client resources once the subscription is closed; called once. */
    abstract void closed();

    @Override
    public final String topic() {
        return topic;
    }

    @Override
    public final Message receive(Duration timeout) throws InterruptedException {
        long deadline = deadline(timeout);
        lock.lockInterruptibly();
        try {
            while (busy && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                free.awaitNanos(left);
            }
            if (closed) {
                return null;
            }
            busy = true;
        } finally {
            lock.unlock();
        }
        Message handedOut = null;
        try {
            R raw = fetch(deadline);
            if (raw != null) {
                handedOut = handOut(raw);
            }
            return handedOut;
        } finally {
            if (handedOut == null) {
                release(null);
            }
        }
    }

    private Message handOut(R raw) {
        Message message = toMessage(raw);
        Delivery<R> delivery = new Delivery<>(raw);
        boolean open;
        lock.lock();
        try {
            open = !closed;
            if (open) {
                current = delivery;
            }
        } finally {
            lock.unlock();
        }
        if (!open) {
            giveBack(raw);
            return null;
        }
        Context messageContext = context.withCancel();
        message.setContext(messageContext);
        message.whenSettled(outcome -> {
            if (delivery.claim()) {
                settle(raw, outcome);
            }
            messageContext.cancel(outcome == Outcome.ACKED ? "acked" : "nacked");
            release(delivery);
        });
        return message;
    }

    /** Lets the next reader in: after a fetch that handed nothing out, or once {@code settled} is settled. */
    private void release(Delivery<R> settled) {
        lock.lock();
        try {
            if (settled == null || current == settled) {
                current = null;
                busy = false;
                free.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final void close() {
        Delivery<R> unsettled;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            unsettled = current;
            current = null;
            free.signalAll();
        } finally {
            lock.unlock();
        }
        context.cancel("subscription closed");
        if (unsettled != null && unsettled.claim()) {
            giveBack(unsettled.raw());
        }
        closed();
    }

    /**
     * How long one blocking call of {@link #fetch} may wait: at most {@link #SLICE}, at least a millisecond (jnats
     * reads a zero timeout as "forever"), or null when {@code deadline} has passed.
     */
    static Duration slice(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return null;
        }
        return Duration.ofMillis(Math.max(1, Math.min(SLICE.toMillis(), left / 1_000_000)));
    }

    private static long deadline(Duration timeout) {
        long now = System.nanoTime();
        try {
            return Math.addExact(now, timeout.toNanos());
        } catch (ArithmeticException tooLong) {
            return now + Long.MAX_VALUE / 2;
        }
    }

    /** One hand-out; whoever claims it first (settlement or close) tells the broker. */
    private record Delivery<R>(R raw, AtomicBoolean claimed) {

        Delivery(R raw) {
            this(raw, new AtomicBoolean());
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }
    }
}
