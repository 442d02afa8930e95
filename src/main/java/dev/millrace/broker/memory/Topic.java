package dev.millrace.broker.memory;

import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.CapacityExceededException;
import dev.millrace.message.Envelope;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Outcome;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One topic of a memory broker: a log of messages by sequence number and the consumer groups reading it.
 *
 * <p>One lock guards the whole topic. Publishing a batch, taking a message and settling one each hold it once and
 * briefly, on the caller's thread; readers wait on their group's condition, so a publish wakes only as many readers
 * as it brought messages for, and nothing polls.
 */
final class Topic {
    private final String name;
    private final MemoryBroker broker;
    private final ReentrantLock lock = new ReentrantLock();
    private final EntryLog log = new EntryLog();
    private final List<ConsumerGroup> groups = new ArrayList<>();
    private final Map<String, ConsumerGroup> namedGroups = new HashMap<>();
    private long bytes;
    private Instant lastStoredAt = Instant.EPOCH;
    private int privateGroupsCreated;

    Topic(String name, MemoryBroker broker) {
        this.name = name;
        this.broker = broker;
    }

    String name() {
        return name;
    }

    /** Appends the whole batch or, when it does not fit, nothing. */
    void append(List<StoredMessage> batch, long batchBytes) {
        lock.lock();
        try {
            if (!broker.settings().persistent() && groups.isEmpty()) {
                // Like Watermill's non-persistent GoChannel: with nobody to read them, messages are not kept.
                log.skip(batch.size());
                return;
            }
            int maxMessages = broker.settings().maxMessages();
            if (log.size() + (long) batch.size() > maxMessages) {
                throw new CapacityExceededException("topic '" + name + "' on memory instance '" + broker.name()
                        + "' holds " + log.size() + " of at most " + maxMessages + " messages and cannot take "
                        + batch.size() + " more; raise the '" + MemorySettings.MAX_MESSAGES + "' option"
                        + (broker.settings().persistent()
                                ? " or connect with " + MemorySettings.PERSISTENT + "=false to drop acked messages"
                                : " or ack what the consumer groups have read"));
            }
            broker.reserve(batchBytes, batch.size(), name);
            Instant now = Instant.now();
            // Keep stored times monotonic so that starting at a time can binary-search the log.
            lastStoredAt = now.isAfter(lastStoredAt) ? now : lastStoredAt;
            for (StoredMessage message : batch) {
                log.append(message, lastStoredAt);
            }
            bytes += batchBytes;
            for (ConsumerGroup group : groups) {
                group.wake(batch.size());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Creates the group {@code options} names, if any, so that it keeps messages from now on. */
    void initialize(SubscribeOptions options) {
        if (options.consumerGroup() == null) {
            return;
        }
        lock.lock();
        try {
            joinNamedGroup(options);
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code subscription} to the group its options name, or to a new group of its own. */
    void join(MemorySubscription subscription, SubscribeOptions options) {
        lock.lock();
        try {
            ConsumerGroup group;
            if (options.consumerGroup() == null) {
                group = ConsumerGroup.ofOneSubscription("subscription-" + ++privateGroupsCreated + " (private)",
                        lock.newCondition(), startSequence(options.start()));
                groups.add(group);
            } else {
                group = joinNamedGroup(options);
            }
            group.members().add(subscription);
            subscription.joined(group);
        } finally {
            lock.unlock();
        }
    }

    Condition newCondition() {
        return lock.newCondition();
    }

    /**
     * Waits up to {@code nanos} for the next message of {@code subscription}'s group. Returns {@code null} on
     * timeout or when the subscription closes. While the subscription holds an unsettled message it waits for
     * that to be settled first.
     */
    Delivery take(MemorySubscription subscription, long nanos) throws InterruptedException {
        long remaining = nanos;
        lock.lock();
        try {
            ConsumerGroup group = subscription.group();
            while (true) {
                if (subscription.isClosed()) {
                    return null;
                }
                if (subscription.current() == null) {
                    Delivery delivery = group.next(subscription, log);
                    if (delivery != null) {
                        subscription.setCurrent(delivery);
                        if (group.hasAvailable(log.nextSequence())) {
                            group.wake(1);
                        }
                        return delivery;
                    }
                    if (remaining <= 0) {
                        return null;
                    }
                    remaining = group.awaitAvailable(remaining);
                } else {
                    if (remaining <= 0) {
                        return null;
                    }
                    // Another thread of this subscription took the message this thread may have been woken for.
                    if (group.hasAvailable(log.nextSequence())) {
                        group.wake(1);
                    }
                    remaining = subscription.awaitSettled(remaining);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Applies an ack or nack of {@code delivery}. */
    void settle(Delivery delivery, Outcome outcome) {
        lock.lock();
        try {
            MemorySubscription subscription = delivery.subscription();
            ConsumerGroup group = subscription.group();
            if (subscription.current() == delivery) {
                subscription.setCurrent(null);
                if (outcome == Outcome.NACKED) {
                    group.redeliver(delivery.sequence());
                }
                subscription.signalSettled();
            } else if (outcome == Outcome.ACKED) {
                // Acked after its subscription closed and handed it back: no need to deliver it again.
                group.forgetRedelivery(delivery.sequence());
            }
            if (outcome == Outcome.ACKED && delivery.sequence() == log.firstSequence()) {
                trimIfTransient();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a closing subscription: its unsettled message goes back to the group, its waiting readers return.
     * Returns false if it had already left.
     */
    boolean leave(MemorySubscription subscription) {
        lock.lock();
        try {
            if (subscription.isClosed()) {
                return false;
            }
            subscription.markClosed();
            ConsumerGroup group = subscription.group();
            group.members().remove(subscription);
            Delivery current = subscription.current();
            subscription.setCurrent(null);
            if (group.isPrivate()) {
                groups.remove(group);
            } else if (current != null) {
                group.redeliver(current.sequence());
            }
            group.wakeAll();
            subscription.signalAllSettled();
            trimIfTransient();
            return true;
        } finally {
            lock.unlock();
        }
    }

    TopicInfo info() {
        lock.lock();
        try {
            return new TopicInfo(name, "topic", log.size(), bytes);
        } finally {
            lock.unlock();
        }
    }

    TopicDetails details() {
        lock.lock();
        try {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("instance", broker.name());
            attributes.put("persistent", String.valueOf(broker.settings().persistent()));
            attributes.put("retained messages", String.valueOf(log.size()));
            attributes.put("retained bytes", String.valueOf(bytes));
            attributes.put("max messages", String.valueOf(broker.settings().maxMessages()));
            if (!log.isEmpty()) {
                attributes.put("oldest stored at", log.storedAt(log.firstSequence()).toString());
                attributes.put("newest stored at", log.storedAt(log.nextSequence() - 1).toString());
            }
            List<TopicDetails.ConsumerInfo> consumers = groups.stream()
                    .map(group -> new TopicDetails.ConsumerInfo(group.label(), group.members().size(),
                            group.pending(log.nextSequence())))
                    .toList();
            return new TopicDetails(new TopicInfo(name, "topic", log.size(), bytes), attributes,
                    List.of(new TopicDetails.PartitionInfo(Envelope.NONE, log.firstSequence(), log.nextSequence())),
                    consumers);
        } finally {
            lock.unlock();
        }
    }

    /** The latest {@code count} retained messages, oldest first, as deliveries belonging to nobody. */
    List<Delivery> latest(int count) {
        lock.lock();
        try {
            long from = Math.max(log.firstSequence(), log.nextSequence() - count);
            List<Delivery> latest = new ArrayList<>((int) (log.nextSequence() - from));
            for (long sequence = from; sequence < log.nextSequence(); sequence++) {
                latest.add(new Delivery(null, sequence, log.message(sequence), log.storedAt(sequence), false));
            }
            return latest;
        } finally {
            lock.unlock();
        }
    }

    private ConsumerGroup joinNamedGroup(SubscribeOptions options) {
        ConsumerGroup group = namedGroups.get(options.consumerGroup());
        if (group == null) {
            group = ConsumerGroup.named(options.consumerGroup(), lock.newCondition(), startSequence(options.start()));
            namedGroups.put(options.consumerGroup(), group);
            groups.add(group);
        } else if (!(options.start() instanceof StartPosition.Committed)) {
            if (!group.members().isEmpty()) {
                throw new MessagingException("consumer group '" + group.label() + "' on topic '" + name + "' has "
                        + group.members().size() + " active subscription(s); it can only be moved to "
                        + options.start() + " while idle. Join it with StartPosition.COMMITTED instead");
            }
            group.moveTo(startSequence(options.start()));
            trimIfTransient();
        }
        return group;
    }

    /**
     * Where a new group starts. COMMITTED means the history when the broker keeps it and only new messages when it
     * does not, the way Watermill's GoChannel behaves in each mode.
     */
    private long startSequence(StartPosition start) {
        return switch (start) {
            case StartPosition.Committed committed ->
                    broker.settings().persistent() ? log.firstSequence() : log.nextSequence();
            case StartPosition.Earliest earliest -> log.firstSequence();
            case StartPosition.Latest latest -> log.nextSequence();
            case StartPosition.AtSequence at ->
                    Math.min(Math.max(at.sequence(), log.firstSequence()), log.nextSequence());
            case StartPosition.AtTime at -> log.firstAtOrAfter(at.time());
        };
    }

    /** Without persistence, forgets the messages every group has settled (all of them when there is no group). */
    private void trimIfTransient() {
        if (broker.settings().persistent()) {
            return;
        }
        long keepFrom = log.nextSequence();
        for (ConsumerGroup group : groups) {
            keepFrom = Math.min(keepFrom, group.lowestNeeded());
        }
        long freed = 0;
        while (log.firstSequence() < keepFrom) {
            freed += log.removeFirst().size();
        }
        bytes -= freed;
        broker.release(freed);
    }
}
