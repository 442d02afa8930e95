package dev.millrace.compare;

import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import dev.millrace.message.Publisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The producers of one run: {@code workload.producers()} threads, spread round-robin over the topics, each
 * publishing {@code workload.publishBatch()} messages per publish call at its share of the target rate, as
 * {@link Schedule} hands them out. The rate counts messages: a producer makes one call per batch interval. Stopped
 * by a flag, never by an interrupt, so that a publish in progress completes.
 */
final class LoadGenerator {
    /** A producer that failed this many times in a row gives up: the broker is gone or refuses everything. */
    static final int MAX_CONSECUTIVE_FAILURES = 100;

    private final Publisher publisher;
    private final List<String> topics;
    private final Workload workload;
    private final Schedule schedule;
    private final Measurements measurements;
    private final MessageShape shape;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean gaveUp = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * How the messages of a run look.
     *
     * @param payload       the payload every message shares (read-only)
     * @param keys          distinct keys to cycle through, 0 for messages without a key
     * @param correlationId give each message a fresh correlation id, as the talk's demo publisher does
     */
    record MessageShape(byte[] payload, int keys, boolean correlationId) {
    }

    LoadGenerator(Publisher publisher, List<String> topics, Workload workload, Schedule schedule,
            Measurements measurements, MessageShape shape) {
        this.publisher = publisher;
        this.topics = List.copyOf(topics);
        this.workload = workload;
        this.schedule = schedule;
        this.measurements = measurements;
        this.shape = shape;
    }

    /** Starts the producer threads; the first sends go out at {@code startNanos}, staggered over one interval. */
    void start(long startNanos) {
        int producers = workload.producers();
        int batch = workload.publishBatch();
        for (int i = 0; i < producers; i++) {
            String topic = topics.get(i % topics.size());
            // Calls per second, each carrying a batch; the producers' first calls spread over one call interval.
            Pacer pacer = workload.unlimitedRate() ? Pacer.unlimited()
                    : Pacer.at((double) workload.targetRate() / producers / batch,
                            startNanos + Math.round(1e9 * i * batch / workload.targetRate()));
            Thread thread = new Thread(() -> produce(topic, pacer), "millrace-compare-producer-" + i);
            // A producer stuck in a publish call on a dead broker must not keep the JVM alive.
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    private void produce(String topic, Pacer pacer) {
        int batch = workload.publishBatch();
        long[] sequences = new long[batch];
        long[] starts = new long[batch];
        long made = 0;
        int failures = 0;
        boolean done = false;
        while (!done && pacer.awaitNext(stop::get)) {
            List<Message> messages = new ArrayList<>(batch);
            while (messages.size() < batch) {
                long sequence = schedule.next(System.nanoTime());
                if (sequence == Schedule.DONE) {
                    done = true;
                    break;
                }
                long start = System.nanoTime();
                Message message = new Message(Message.newId(), metadata(sequence, start), shape.payload());
                if (shape.keys() > 0) {
                    message.withKey("key-" + made % shape.keys());
                }
                sequences[messages.size()] = sequence;
                starts[messages.size()] = start;
                messages.add(message);
                made++;
            }
            if (messages.isEmpty()) {
                return;
            }
            try {
                publisher.publish(topic, messages);
                long end = System.nanoTime();
                for (int i = 0; i < messages.size(); i++) {
                    measurements.published(sequences[i], starts[i], end);
                }
                failures = 0;
            } catch (RuntimeException e) {
                // A failed call may have delivered some of its messages; none of them counts as sent.
                measurements.publishFailed(e, messages.size());
                if (++failures >= MAX_CONSECUTIVE_FAILURES) {
                    gaveUp.set(true);
                    return;
                }
            }
        }
    }

    private Metadata metadata(long sequence, long sentNanos) {
        Metadata metadata = Stamps.stamp(sequence, sentNanos);
        if (shape.correlationId()) {
            metadata.set(Message.CORRELATION_ID, Message.newId());
        }
        return metadata;
    }

    /** True when every producer has stopped. */
    boolean finished() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /** True when some producer stopped after {@link #MAX_CONSECUTIVE_FAILURES} failed publish calls in a row. */
    boolean producerGaveUp() {
        return gaveUp.get();
    }

    /** Asks the producers to stop after their current publish. */
    void stop() {
        stop.set(true);
    }

    /** Waits up to {@code timeout} for every producer to stop; false if some are still inside a publish call. */
    boolean awaitStopped(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return finished();
            }
            try {
                thread.join(Duration.ofNanos(remaining));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return finished();
            }
        }
        return finished();
    }
}
