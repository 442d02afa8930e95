package dev.millrace.broker.kafka;

import dev.millrace.message.Context;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Outcome;
import dev.millrace.message.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer group member reading one topic. A {@link KafkaConsumer} is single-threaded, so one poller thread
 * owns it: it polls, buffers records per partition, commits, pauses fetching when the buffer is full and handles
 * rebalances. Readers take records from the buffer in {@link #receive}; the poller never waits for them.
 *
 * <p>Each partition is a stream with at most one unsettled message: its next record is handed out only once the
 * current one is acked or nacked, so several readers may work on different partitions at once. An ack moves the
 * partition's commit position past the record; the poller commits it on its next round, so an offset is never
 * committed before its message was acked. A nack puts the record back at the head of its partition, to be handed
 * out again before anything after it; the offset stays uncommitted, so after a restart Kafka delivers it again too.
 *
 * <p>The poller turns records into messages as it buffers them, while their bytes are fresh in its cache and
 * in parallel with the readers' handlers; a reader only takes a ready message. A nacked record is turned into a new
 * message when it is handed out again, since the first one belongs to whoever received it.
 *
 * <p>When a rebalance takes a partition away, its acked offsets are committed and its buffered records dropped; a
 * message of it that is still unsettled can no longer be committed by this member, and its new owner will deliver
 * it again.
 */
final class KafkaSubscription implements Subscription {
    private static final Logger log = LoggerFactory.getLogger(KafkaSubscription.class);
    /** Bounds how long acks wait for their commit and how long close waits for the poller to notice. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Fetching pauses beyond this many buffered records or bytes and resumes below half of them. */
    private static final int MAX_BUFFERED_RECORDS = 4000;
    private static final long MAX_BUFFERED_BYTES = 32L << 20;

    private final KafkaConnection connection;
    private final String topic;
    private final String group;
    private final boolean ownGroup;
    private final Map<TopicPartition, Long> startOffsets;
    private final boolean fromBeginning;
    private final Consumer<KafkaSubscription> onClosed;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread poller;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Context context = Context.background().withCancel();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition drained = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private final Map<TopicPartition, PartitionStream> streams = new HashMap<>();
    /** The same streams in hand-out order; guarded by {@link #lock}. */
    private final List<PartitionStream> rotation = new ArrayList<>();
    private int cursor;
    private int bufferedRecords;
    private long bufferedBytes;
    /** Fetching is paused because readers are behind; written by the poller, under the lock. */
    private boolean fetchPaused;
    /** A reader has told the paused poller that the buffer drained; the poller clears it. Under the lock. */
    private boolean drainSignalled;

    /** Poller thread only. */
    private final Set<TopicPartition> started = new HashSet<>();

    private volatile boolean closed;
    private volatile MessagingException failure;

    /** A buffered record and, unless it is a redelivery, the message already made from it. */
    private record Delivery(ConsumerRecord<byte[], byte[]> record, Message message) {
    }

    /** The records of one partition waiting to be handed out, and where its commit stands. Guarded by the lock. */
    private static final class PartitionStream {
        final TopicPartition partition;
        final ArrayDeque<Delivery> pending = new ArrayDeque<>();
        boolean busy;
        /** Set when a rebalance took the partition away: its settlements no longer count. */
        boolean detached;
        /** Offset after the last acked record: what to commit; -1 before the first ack. */
        long ackedNext = -1;
        long committedNext = -1;

        PartitionStream(TopicPartition partition) {
            this.partition = partition;
        }
    }

    /**
     * @param startOffsets  where partitions start when this subscription first gets them; partitions not in it
     *                      continue at the group's committed offset (or the oldest message for a new group)
     * @param fromBeginning partitions not in {@code startOffsets} start at their oldest message instead
     * @param onClosed      called once the subscription has ended
     */
    KafkaSubscription(KafkaConnection connection, String topic, String group, boolean ownGroup,
                      Map<TopicPartition, Long> startOffsets, boolean fromBeginning,
                      Consumer<KafkaSubscription> onClosed) {
        this.connection = connection;
        this.topic = topic;
        this.group = group;
        this.ownGroup = ownGroup;
        this.startOffsets = Map.copyOf(startOffsets);
        this.fromBeginning = fromBeginning;
        this.onClosed = onClosed;
        try {
            this.consumer = connection.newConsumer(group);
        } catch (KafkaException e) {
            throw new MessagingException("cannot create a Kafka consumer for '" + topic + "': "
                    + KafkaConnection.rootMessage(e), e);
        }
        this.poller = Thread.ofPlatform().daemon().name("millrace-kafka-" + topic).unstarted(this::pollUntilClosed);
        poller.start();
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public Message receive(Duration timeout) throws InterruptedException {
        long remaining = nanos(timeout);
        PartitionStream stream;
        Delivery delivery;
        lock.lockInterruptibly();
        try {
            while (true) {
                if (closed) {
                    if (failure != null) {
                        throw new MessagingException(failure.getMessage(), failure);
                    }
                    return null;
                }
                stream = nextReady();
                if (stream != null) {
                    break;
                }
                if (remaining <= 0) {
                    return null;
                }
                remaining = changed.awaitNanos(remaining);
            }
            delivery = stream.pending.removeFirst();
            stream.busy = true;
            bufferedRecords--;
            bufferedBytes -= KafkaRecords.size(delivery.record());
            if (fetchPaused && !drainSignalled && caughtUp()) {
                drainSignalled = true;
                drained.signal();
            }
        } finally {
            lock.unlock();
        }
        ConsumerRecord<byte[], byte[]> record = delivery.record();
        Message message = delivery.message() != null ? delivery.message() : KafkaRecords.toMessage(record, true);
        Context messageContext = context.withCancel();
        message.setContext(messageContext);
        PartitionStream owner = stream;
        message.whenSettled(outcome -> settle(owner, record, outcome, messageContext));
        return message;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Ends the stream at once, then waits (boundedly) until the consumer has committed and left its group. */
    @Override
    public void close() {
        beginClose();
        if (Thread.currentThread() != poller) {
            try {
                if (!finished.await(CLOSE_TIMEOUT.multipliedBy(2).plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("the consumer of '{}' (group {}) did not close in time; closing it in the background",
                            topic, group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the stream without waiting for the consumer: every receive returns, every unsettled context ends. */
    void beginClose() {
        if (closed) {
            return;
        }
        closed = true;
        lock.lock();
        try {
            changed.signalAll();
            drained.signalAll();
        } finally {
            lock.unlock();
        }
        context.cancel("subscription closed");
    }

    private void settle(PartitionStream stream, ConsumerRecord<byte[], byte[]> record, Outcome outcome,
                        Context messageContext) {
        lock.lock();
        try {
            stream.busy = false;
            if (!stream.detached) {
                if (outcome == Outcome.ACKED) {
                    stream.ackedNext = record.offset() + 1;
                } else {
                    stream.pending.addFirst(new Delivery(record, null));
                    bufferedRecords++;
                    bufferedBytes += KafkaRecords.size(record);
                }
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        messageContext.cancel(outcome == Outcome.ACKED ? "acked" : "nacked");
    }

    /** The next partition, in turn, with a record to hand out and no unsettled message. */
    private PartitionStream nextReady() {
        int size = rotation.size();
        for (int i = 0; i < size; i++) {
            PartitionStream stream = rotation.get((cursor + i) % size);
            if (!stream.busy && !stream.pending.isEmpty()) {
                cursor = (cursor + i + 1) % size;
                return stream;
            }
        }
        return null;
    }

    /** The poller thread's body: the only code that touches {@link #consumer}. */
    private void pollUntilClosed() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (!closed) {
                commitAcked(false);
                boolean paused = applyBackPressure();
                if (paused) {
                    awaitCaughtUp();
                }
                // Paused, poll only to take part in the group; the partitions hand out nothing.
                ConsumerRecords<byte[], byte[]> records = consumer.poll(paused ? Duration.ZERO : POLL_TIMEOUT);
                if (!records.isEmpty()) {
                    buffer(records);
                }
            }
            commitAcked(true);
        } catch (RuntimeException e) {
            if (!closed) {
                failure = new MessagingException("the subscription to '" + topic + "' (group " + group + ") failed: "
                        + KafkaConnection.rootMessage(e), e);
                log.error("the subscription to '{}' (group {}) failed", topic, group, e);
            }
        } finally {
            beginClose();
            try {
                consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            } catch (RuntimeException e) {
                log.warn("closing the consumer of '{}' (group {}) failed: {}", topic, group, e.toString());
            }
            if (ownGroup) {
                connection.deleteGroupQuietly(group);
            }
            finished.countDown();
            onClosed.accept(this);
        }
    }

    private void buffer(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, List<Delivery>> decoded = new HashMap<>();
        Instant receivedAt = Instant.now();
        long receivedNanos = System.nanoTime();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
            List<Delivery> deliveries = new ArrayList<>(batch.size());
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                deliveries.add(new Delivery(record,
                        KafkaRecords.toMessage(record, false, receivedAt, receivedNanos)));
            }
            decoded.put(partition, deliveries);
        }
        lock.lock();
        try {
            decoded.forEach((partition, deliveries) -> {
                PartitionStream stream = streams.get(partition);
                if (stream != null) {
                    for (Delivery delivery : deliveries) {
                        stream.pending.addLast(delivery);
                        bufferedBytes += KafkaRecords.size(delivery.record());
                    }
                    bufferedRecords += deliveries.size();
                }
            });
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops fetching while readers are behind and starts again once they have taken half the buffer; the poller
     * keeps polling meanwhile, so that the member stays in its group. Returns whether fetching is paused.
     */
    private boolean applyBackPressure() {
        boolean pause;
        boolean resume;
        boolean pausedNow;
        lock.lock();
        try {
            pause = !fetchPaused && (bufferedRecords >= MAX_BUFFERED_RECORDS || bufferedBytes >= MAX_BUFFERED_BYTES);
            resume = fetchPaused && caughtUp();
            fetchPaused = (fetchPaused || pause) && !resume;
            drainSignalled = false;
            pausedNow = fetchPaused;
        } finally {
            lock.unlock();
        }
        if (pause) {
            consumer.pause(consumer.assignment());
        } else if (resume) {
            consumer.resume(consumer.paused());
        }
        return pausedNow;
    }

    /**
     * Waits, at most one poll timeout, until readers have taken half the buffer. Readers signal it, so that fetching
     * resumes at once rather than when a poll happens to return.
     */
    private void awaitCaughtUp() {
        lock.lock();
        try {
            long remaining = POLL_TIMEOUT.toNanos();
            while (!closed && !caughtUp() && remaining > 0) {
                remaining = drained.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            beginClose();
        } finally {
            lock.unlock();
        }
    }

    /** Guarded by the lock. */
    private boolean caughtUp() {
        return bufferedRecords <= MAX_BUFFERED_RECORDS / 2 && bufferedBytes <= MAX_BUFFERED_BYTES / 2;
    }

    private boolean isFetchPaused() {
        lock.lock();
        try {
            return fetchPaused;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Commits the acked offsets that moved since the last commit, in the background while running; all of them, and
     * waiting for the answer, when closing or giving partitions away.
     */
    private void commitAcked(boolean wait) {
        Map<TopicPartition, OffsetAndMetadata> offsets = acked(null, wait);
        if (offsets.isEmpty()) {
            return;
        }
        if (wait) {
            commitNow(offsets);
        } else {
            // The callback's own offset map is null on failure with the KIP-848 consumer: use ours.
            consumer.commitAsync(offsets, (ignored, error) -> {
                if (error != null) {
                    log.debug("committing offsets of '{}' failed; retrying: {}", topic, error.toString());
                    retryCommit(offsets);
                }
            });
        }
    }

    /**
     * The acked offsets of {@code partitions} (of every partition when null) that moved since their last commit, or
     * all of them; one pass under the lock, which the poller shares with the readers on every round.
     */
    private Map<TopicPartition, OffsetAndMetadata> acked(Collection<TopicPartition> partitions, boolean all) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        lock.lock();
        try {
            if (partitions == null) {
                for (PartitionStream stream : rotation) {
                    collectAcked(stream, all, offsets);
                }
            } else {
                for (TopicPartition partition : partitions) {
                    PartitionStream stream = streams.get(partition);
                    if (stream != null) {
                        collectAcked(stream, all, offsets);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        return offsets;
    }

    /** Guarded by the lock. */
    private static void collectAcked(PartitionStream stream, boolean all,
                                     Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (stream.ackedNext >= 0 && (all || stream.ackedNext > stream.committedNext)) {
            offsets.put(stream.partition, new OffsetAndMetadata(stream.ackedNext));
            stream.committedNext = stream.ackedNext;
        }
    }

    private void retryCommit(Map<TopicPartition, OffsetAndMetadata> failed) {
        lock.lock();
        try {
            failed.forEach((partition, offset) -> {
                PartitionStream stream = streams.get(partition);
                if (stream != null && stream.committedNext == offset.offset()) {
                    stream.committedNext = -1;
                }
            });
        } finally {
            lock.unlock();
        }
    }

    private void commitNow(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets, CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("could not commit the offsets of acked messages of '{}' (group {}); they will be delivered "
                    + "again: {}", topic, group, e.toString());
        }
    }

    /** Forgets partitions this member no longer owns, with their buffered records. */
    private void detach(Collection<TopicPartition> partitions) {
        lock.lock();
        try {
            for (TopicPartition partition : partitions) {
                PartitionStream stream = streams.remove(partition);
                if (stream != null) {
                    stream.detached = true;
                    rotation.remove(stream);
                    for (Delivery delivery : stream.pending) {
                        bufferedBytes -= KafkaRecords.size(delivery.record());
                    }
                    bufferedRecords -= stream.pending.size();
                    stream.pending.clear();
                }
            }
            cursor = 0;
        } finally {
            lock.unlock();
        }
    }

    /** Runs on the poller thread, inside {@code poll} and {@code close}. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            lock.lock();
            try {
                for (TopicPartition partition : partitions) {
                    if (!streams.containsKey(partition)) {
                        PartitionStream stream = new PartitionStream(partition);
                        streams.put(partition, stream);
                        rotation.add(stream);
                    }
                }
            } finally {
                lock.unlock();
            }
            List<TopicPartition> atBeginning = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                if (started.add(partition)) {
                    Long start = startOffsets.get(partition);
                    if (start != null) {
                        consumer.seek(partition, start);
                    } else if (fromBeginning) {
                        atBeginning.add(partition);
                    }
                }
            }
            if (!atBeginning.isEmpty()) {
                consumer.seekToBeginning(atBeginning);
            }
            if (isFetchPaused()) {
                consumer.pause(partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!closed) {
                Map<TopicPartition, OffsetAndMetadata> offsets = acked(partitions, true);
                if (!offsets.isEmpty()) {
                    commitNow(offsets);
                }
            }
            detach(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            detach(partitions);
        }
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
        return "KafkaSubscription[topic=" + topic + ", group=" + group + ", closed=" + closed + "]";
    }
}
