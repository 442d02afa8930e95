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
 * by a flush (the acceptance the adapter's publish waits for), and a plain subscription read message by message. Core NATS keeps nothing for
 * absent subscribers, so {@link #prepare} subscribes already and the subscription buffers in the client until
 * {@link #consume} reads it; the adapter side of the benchmark must likewise subscribe before publishing.
 */
public final class NatsRawClientBaseline implements RawClientBaseline {
    private static final int UNLIMITED_PINGS = Integer.MAX_VALUE;

    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

    private record Prepared(Connection connection, Subscription subscription) {
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
        prepared.put(topic, new Prepared(connection, subscription));
    }

    @Override
    public Duration publish(Map<String, String> options, String topic, long messages, int payloadBytes,
            int publishers) throws Exception {
        byte[] payload = new byte[payloadBytes];
        AtomicLong remaining = new AtomicLong(messages);
        // jnats counts flush PINGs against its stale-connection limit (two by default): lift it for the benchmark.
        Connection connection = Nats.connect(clientOptions(options, UNLIMITED_PINGS));
        try (ExecutorService threads = Executors.newFixedThreadPool(publishers)) {
            long start = System.nanoTime();
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

    @Override
    public Duration consume(Map<String, String> options, String topic, long messages) throws Exception {
        Prepared ready = prepared.remove(topic);
        if (ready == null) {
            throw new IllegalStateException("prepare(" + topic + ") was not called: core NATS keeps nothing for "
                    + "subscribers that come later");
        }
        try {
            long start = System.nanoTime();
            for (long read = 0; read < messages; read++) {
                if (ready.subscription().nextMessage(Duration.ofSeconds(30)) == null) {
                    throw new IllegalStateException("no message for 30 s; read " + read + " of " + messages);
                }
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            ready.connection().close();
        }
    }

    private static Options clientOptions(Map<String, String> options, int maxPingsOut) {
        OptionValues values = OptionValues.parse(new NatsAdapter().options(), options);
        Options base = NatsSettings.from(values).toClientOptions(null, null);
        return maxPingsOut > 0 ? new Options.Builder(base).maxPingsOut(maxPingsOut).build() : base;
    }
}
