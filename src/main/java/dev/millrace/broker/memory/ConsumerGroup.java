package dev.millrace.broker.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;

/**
 * The reading state one consumer group keeps on one topic: how far it has read, which messages wait to be
 * delivered again, and which subscriptions share its messages. Guarded by the topic's lock.
 *
 * <p>Redeliveries are kept sorted and are served before new messages, so that a nacked or abandoned message comes
 * back ahead of newer ones and a single subscriber still sees the topic in publish order.
 */
final class ConsumerGroup {
    private final String name;
    private final String label;
    private final Condition available;
    private final List<MemorySubscription> members = new ArrayList<>();
    private final NavigableSet<Long> redeliveries = new TreeSet<>();
    private long position;
    private int waiting;

    private ConsumerGroup(String name, String label, Condition available, long position) {
        this.name = name;
        this.label = label;
        this.available = available;
        this.position = position;
    }

    static ConsumerGroup named(String name, Condition available, long position) {
        return new ConsumerGroup(name, name, available, position);
    }

    /** A group of one subscription, gone when that subscription closes. */
    static ConsumerGroup ofOneSubscription(String label, Condition available, long position) {
        return new ConsumerGroup(null, label, available, position);
    }

    boolean isPrivate() {
        return name == null;
    }

    /** The group name, or a label naming the subscription for a private group. */
    String label() {
        return label;
    }

    List<MemorySubscription> members() {
        return members;
    }

    boolean hasAvailable(long nextSequence) {
        return !redeliveries.isEmpty() || position < nextSequence;
    }

    /** Takes the next message for {@code subscription}: a redelivery first, else the next one of the log. */
    Delivery next(MemorySubscription subscription, EntryLog log) {
        Long redelivery = redeliveries.pollFirst();
        if (redelivery != null) {
            return new Delivery(subscription, redelivery, log.message(redelivery), log.storedAt(redelivery), true);
        }
        if (position < log.nextSequence()) {
            long sequence = position++;
            return new Delivery(subscription, sequence, log.message(sequence), log.storedAt(sequence), false);
        }
        return null;
    }

    /** Queues {@code sequence} to be delivered again and wakes a reader for it. */
    void redeliver(long sequence) {
        redeliveries.add(sequence);
        wake(1);
    }

    /** Drops a queued redelivery (its earlier delivery was acked after all). */
    void forgetRedelivery(long sequence) {
        redeliveries.remove(sequence);
    }

    /** Moves the group's read position; queued redeliveries belong to the old position and are dropped. */
    void moveTo(long newPosition) {
        position = newPosition;
        redeliveries.clear();
    }

    /** The lowest sequence this group still needs: in flight, queued again, or not yet read. */
    long lowestNeeded() {
        long lowest = position;
        if (!redeliveries.isEmpty()) {
            lowest = Math.min(lowest, redeliveries.first());
        }
        for (MemorySubscription member : members) {
            Delivery current = member.current();
            if (current != null) {
                lowest = Math.min(lowest, current.sequence());
            }
        }
        return lowest;
    }

    /** Messages not yet read plus those waiting for redelivery plus those delivered and not settled. */
    long pending(long nextSequence) {
        long inFlight = members.stream().filter(member -> member.current() != null).count();
        return Math.max(0, nextSequence - position) + redeliveries.size() + inFlight;
    }

    /** Waits for messages on behalf of a reader with no unsettled message. */
    long awaitAvailable(long nanos) throws InterruptedException {
        waiting++;
        try {
            return available.awaitNanos(nanos);
        } finally {
            waiting--;
        }
    }

    /** Wakes as many waiting readers as there are new messages (each takes one). */
    void wake(int messages) {
        if (waiting == 0) {
            return;
        }
        if (messages >= waiting) {
            available.signalAll();
        } else {
            for (int i = 0; i < messages; i++) {
                available.signal();
            }
        }
    }

    /** Wakes every waiting reader, e.g. so that the readers of a closing subscription return. */
    void wakeAll() {
        available.signalAll();
    }
}
