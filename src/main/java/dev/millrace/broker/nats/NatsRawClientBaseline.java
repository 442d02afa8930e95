package dev.millrace.broker.nats;

import dev.millrace.broker.OptionValues;
import dev.millrace.broker.RawClientBaseline;
import dev.millrace.message.Message;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's work done with plain jnats on core NATS: each publish, with the message id in a header, followed
 * by a flush (the acceptance the adapter's publish waits for), and a plain subscription read message by message on a
 * thread of its own.
 *
 * <p>Core NATS keeps nothing for absent subscribers, so the adapter side of the benchmark subscribes its router
 * handler before publishing and times subscribing from the first publish to the last message received, with its
 * consumer running during the publish phase. This baseline does the same: {@link #prepare} subscribes and starts a
 * reader that takes each message as it arrives, and {@link #consume} reports the time from the start of
 * {@link #publish} to the last message read. (Reading a buffer that filled during the publish phase, as it did
 * before, measured a different thing: a memory drain of millions of messages per second, and a publish phase that
 * had no consumer competing for the same cores.)
 */
public final class NatsRawClientBaseline implements RawClientBaseline {
    private static final int UNLIMITED_PINGS = Integer.MAX_VALUE;
    private static final Duration READ_SLICE = Duration.ofMillis(100);
    private static final Duration IDLE = Duration.ofSeconds(30);

    private final Map<String, Reader> readers = new ConcurrentHashMap<>();

    /** Reads {@code subscription} until stopped, counting messages and noting when the last one came. */
    private static final class Reader implements Runnable {
        private final Connection connection;
        private final Subscription subscription;
        private final AtomicLong received = new AtomicLong();
        private volatile long lastReceivedAt;
        private volatile long publishStartedAt;
        private volatile boolean stopped;
        private volatile Exception failure;
        private Thread thread;

        Reader(Connection connection, Subscription subscription) {
            this.connection = connection;
            this.subscription = subscription;
        }

        @Override
        public void run() {
            try {
                while (!stopped) {
                    if (subscription.nextMessage(READ_SLICE) != null) {
                        lastReceivedAt = System.nanoTime();
                        received.incrementAndGet();
                    }
                }
            } catch (InterruptedException | RuntimeException e) {
                failure = e;
            }
        }

        Duration awaitAll(long messages) throws Exception {
            long seen = 0;
            long lastProgress = System.nanoTime();
            while (received.get() < messages) {
                if (failure != null) {
                    throw failure;
                }
                Thread.sleep(1);
                long now = received.get();
                if (now != seen) {
                    seen = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > IDLE.toNanos()) {
                    throw new IllegalStateException("no message for " + IDLE.toSeconds() + " s; read " + seen
                            + " of " + messages);
                }
            }
            return Duration.ofNanos(lastReceivedAt - publishStartedAt);
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
            connection.close();
        }
    }

    @Override
    public String adapterId() {
        return NatsAdapter.ID;
    }

    @Override
    public void prepare(Map<String, String> options, String topic) throws Exception {
        Connection connection = Nats.connect(clientOptions(options, 0));
        Subscription subscription = connection.subscribe(topic);
        // Unlimited: the baseline must not drop what the benchmark then waits for.
        subscription.setPendingLimits(0, 0);
        connection.flush(Duration.ofSeconds(5));
        Reader reader = new Reader(connection, subscription);
        reader.thread = Thread.ofPlatform().daemon().name("raw-nats-reader").start(reader);
        readers.put(topic, reader);
    }

    @Override
    public Duration publish(Map<String, String> options, String topic, long messages, int payloadBytes,
            int publishers) throws Exception {
        byte[] payload = new byte[payloadBytes];
        AtomicLong remaining = new AtomicLong(messages);
        Reader reader = readers.get(topic);
        // jnats counts flush PINGs against its stale-connection limit (two by default): lift it for the benchmark.
        Connection connection = Nats.connect(clientOptions(options, UNLIMITED_PINGS));
        try (ExecutorService threads = Executors.newFixedThreadPool(publishers)) {
            long start = System.nanoTime();
            if (reader != null) {
                reader.publishStartedAt = start;
            }
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                running.add(threads.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        connection.publish(topic, new Headers().put(HeaderCodec.ID, Message.newId()), payload);
                        connection.flush(Duration.ofSeconds(5));
                    }
                    return null;
                }));
            }
            for (Future<?> publisher : running) {
                publisher.get();
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            connection.close();
        }
    }

    /** Waits until the reader has every message; the time from the first publish to the last message read. */
    @Override
    public Duration consume(Map<String, String> options, String topic, long messages) throws Exception {
        Reader reader = readers.remove(topic);
        if (reader == null) {
            throw new IllegalStateException("prepare(" + topic + ") was not called: core NATS keeps nothing for "
                    + "subscribers that come later");
        }
        try {
            return reader.awaitAll(messages);
        } finally {
            reader.stop();
        }
    }

    private static Options clientOptions(Map<String, String> options, int maxPingsOut) {
        OptionValues values = OptionValues.parse(new NatsAdapter().options(), options);
        Options base = NatsSettings.from(values).toClientOptions(null, null);
        return maxPingsOut > 0 ? new Options.Builder(base).maxPingsOut(maxPingsOut).build() : base;
    }
}
