package dev.millrace.bench;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Feature;
import dev.millrace.broker.RawClientBaseline;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.router.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A publish-then-subscribe throughput run, modelled on watermill-benchmark: first many threads publish every message
 * (one message per publish call), then a router consumer handler drains the topic. Each phase is timed on its own.
 */
public final class PubSubBenchmark {

    /**
     * @param messages       messages per run
     * @param payloadBytes   size of each payload
     * @param publishers     publishing threads
     * @param handlerWorkers router worker threads of the draining consumer handler
     * @param idleTimeout    give up when no message arrives for this long
     */
    public record Workload(long messages, int payloadBytes, int publishers, int handlerWorkers, Duration idleTimeout) {
    }

    /** Measured rates of one run. */
    public record Result(Workload workload, double publishPerSecond, double subscribePerSecond,
                         Duration publishTime, Duration subscribeTime) {
    }

    /** Rates of the broker's raw client doing the same work, for the adapter/raw ratio. */
    public record BaselineResult(Workload workload, double publishPerSecond, double subscribePerSecond) {
    }

    private final BrokerConnection connection;

    public PubSubBenchmark(BrokerConnection connection) {
        this.connection = connection;
    }

    /** The baseline for the connected adapter, if its package offers one. */
    public static Optional<RawClientBaseline> baselineFor(String adapterId) {
        return ServiceLoader.load(RawClientBaseline.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(baseline -> baseline.adapterId().equals(adapterId))
                .findFirst();
    }

    /** The same workload through the raw client: publish everything, then consume and acknowledge everything. */
    public static BaselineResult runBaseline(RawClientBaseline baseline, Map<String, String> options, Workload workload)
            throws Exception {
        String topic = "bench_raw_" + workload.payloadBytes() + "_" + Message.newId().substring(0, 8);
        baseline.prepare(options, topic);
        Duration publishTime = baseline.publish(options, topic, workload.messages(), workload.payloadBytes(),
                workload.publishers());
        Duration consumeTime = baseline.consume(options, topic, workload.messages());
        return new BaselineResult(workload, rate(workload.messages(), publishTime), rate(workload.messages(), consumeTime));
    }

    /**
     * Runs the workload. A broker that keeps messages is drained after the publish phase; one that keeps nothing
     * (no {@link Feature#PERSISTENT}) has its consumer subscribed first, and its subscribe time then runs from the
     * first publish to the last message received.
     */
    public Result run(Workload workload) throws InterruptedException {
        String topic = "bench_" + workload.payloadBytes() + "_" + Message.newId().substring(0, 8);
        boolean keepsMessages = connection.capabilities().has(Feature.PERSISTENT);
        SubscribeOptions group = keepsMessages
                ? SubscribeOptions.group("bench-" + topic).startingAt(StartPosition.EARLIEST)
                : SubscribeOptions.group("bench-" + topic);
        try (Subscriber subscriber = connection.newSubscriber()) {
            subscriber.initialize(topic, group);
            Drain drain = new Drain(topic, group, subscriber, workload);
            if (keepsMessages) {
                Duration publishTime = publishAll(topic, workload);
                Duration subscribeTime = drain.startAndAwait();
                return result(workload, publishTime, subscribeTime);
            }
            try (drain) {
                drain.start();
                long start = System.nanoTime();
                Duration publishTime = publishAll(topic, workload);
                drain.await();
                return result(workload, publishTime, Duration.ofNanos(drain.finishedAt - start));
            }
        }
    }

    private static Result result(Workload workload, Duration publishTime, Duration subscribeTime) {
        return new Result(workload, rate(workload.messages(), publishTime), rate(workload.messages(), subscribeTime),
                publishTime, subscribeTime);
    }

    private Duration publishAll(String topic, Workload workload) throws InterruptedException {
        byte[] payload = new byte[workload.payloadBytes()];
        AtomicLong remaining = new AtomicLong(workload.messages());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        try (Publisher publisher = connection.newPublisher()) {
            long start = System.nanoTime();
            for (int i = 0; i < workload.publishers(); i++) {
                Thread thread = new Thread(() -> {
                    try {
                        while (remaining.getAndDecrement() > 0) {
                            publisher.publish(topic, new Message(Message.newId(), payload));
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }, "millrace-bench-publisher-" + i);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (failure.get() != null) {
                throw failure.get();
            }
            return elapsed;
        }
    }

    /** A router consumer handler counting messages until the workload's count arrived. */
    private static final class Drain implements AutoCloseable {
        private final Workload workload;
        private final AtomicLong received = new AtomicLong();
        private final CountDownLatch allReceived = new CountDownLatch(1);
        private final Router router = new Router();
        /** Written before {@link #allReceived} opens, so whoever passes the latch sees it. */
        private long finishedAt;

        Drain(String topic, SubscribeOptions group, Subscriber subscriber, Workload workload) {
            this.workload = workload;
            router.addConsumerHandler("bench_consumer", topic, subscriber, message -> {
                        if (received.incrementAndGet() == workload.messages()) {
                            finishedAt = System.nanoTime();
                            allReceived.countDown();
                        }
                    })
                    .subscribeOptions(group)
                    .concurrency(workload.handlerWorkers());
        }

        void start() {
            router.start();
        }

        Duration startAndAwait() throws InterruptedException {
            try (this) {
                long start = System.nanoTime();
                start();
                await();
                return Duration.ofNanos(finishedAt - start);
            }
        }

        void await() throws InterruptedException {
            long seen = 0;
            while (!allReceived.await(workload.idleTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                if (received.get() == seen) {
                    throw new IllegalStateException("no message for " + workload.idleTimeout().toSeconds()
                            + " s; received " + seen + " of " + workload.messages());
                }
                seen = received.get();
            }
        }

        @Override
        public void close() {
            router.close();
        }
    }

    private static double rate(long messages, Duration elapsed) {
        return messages / (elapsed.toNanos() / 1e9);
    }
}
