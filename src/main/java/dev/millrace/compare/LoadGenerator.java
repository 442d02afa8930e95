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
 * publishing one message per publish call at its share of the target rate, as {@link Schedule} hands them out.
 * Stopped by a flag, never by an interrupt, so that a publish in progress completes.
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
        for (int i = 0; i < producers; i++) {
            String topic = topics.get(i % topics.size());
            Pacer pacer = workload.unlimitedRate() ? Pacer.unlimited()
                    : Pacer.at((double) workload.targetRate() / producers,
                            startNanos + Math.round(1e9 * i / workload.targetRate()));
            Thread thread = new Thread(() -> produce(topic, pacer), "millrace-compare-producer-" + i);
            // A producer stuck in a publish call on a dead broker must not keep the JVM alive.
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    private void produce(String topic, Pacer pacer) {
        long attempts = 0;
        int failures = 0;
        while (pacer.awaitNext(stop::get)) {
            long sequence = schedule.next(System.nanoTime());
            if (sequence == Schedule.DONE) {
                return;
            }
            long start = System.nanoTime();
            Message message = new Message(Message.newId(), metadata(sequence, start), shape.payload());
            if (shape.keys() > 0) {
                message.withKey("key-" + attempts % shape.keys());
            }
            try {
                publisher.publish(topic, message);
                measurements.published(sequence, start, System.nanoTime());
                failures = 0;
            } catch (RuntimeException e) {
                measurements.publishFailed(e);
                if (++failures >= MAX_CONSECUTIVE_FAILURES) {
                    gaveUp.set(true);
                    return;
                }
            }
            attempts++;
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

    /** True when some producer stopped after {@link #MAX_CONSECUTIVE_FAILURES} failed publishes in a row. */
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
