package dev.millrace.compare;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.Feature;
import dev.millrace.flows.DemoFlow;
import dev.millrace.message.ConnectionException;
import dev.millrace.message.Publisher;
import dev.millrace.message.Subscriber;
import dev.millrace.middleware.InstantAck;
import dev.millrace.router.Router;
import dev.millrace.router.RouterCloseTimeoutException;
import dev.millrace.router.RouterConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workload on one broker: connect, build the route on a router, warm up, measure, drain, close. Every failure
 * ends up in the returned {@link BrokerResult}, never as an exception, so that the next broker still runs.
 */
final class BrokerRun {
    /**
     * The option through which adapters with partitions let whoever creates a topic choose how many it gets. An
     * adapter that declares {@link Feature#PARTITIONS} without offering it keeps its broker's default, and the
     * column says so.
     */
    static final String PARTITIONS_OPTION = "topic.partitions";
    private static final String MASK = "****";
    /** Below this share of its target rate a run is reported as not having held the rate. */
    private static final double HELD_RATE = 0.95;
    private static final Logger log = LoggerFactory.getLogger(BrokerRun.class);

    private final BrokerTarget target;
    /** Names this run's topics and groups; see {@link ComparisonRunner#runId}. */
    private final String runId;
    private final Workload workload;
    private final RunSettings settings;
    private final Consumer<CompareEvent> listener;
    private final CancelFlag cancel;
    private final List<String> notes = new ArrayList<>();

    BrokerRun(BrokerTarget target, String runId, Workload workload, RunSettings settings,
            Consumer<CompareEvent> listener, CancelFlag cancel) {
        this.target = target;
        this.runId = runId;
        this.workload = workload;
        this.settings = settings;
        this.listener = listener;
        this.cancel = cancel;
    }

    /** A column for a broker that was never started because the comparison was cancelled first. */
    static BrokerResult notStarted(BrokerTarget target) {
        Optional<BrokerAdapter> adapter = Brokers.find(target.adapterId());
        return new BrokerResult(target.label(), target.adapterId(),
                adapter.map(BrokerAdapter::displayName).orElse(target.adapterId()), masked(adapter, target.options()),
                adapter.map(a -> BrokerFeatures.of(a.capabilities(), false)).orElse(BrokerFeatures.UNKNOWN), List.of(),
                new RunOutcome.Cancelled("not started: the comparison was cancelled"));
    }

    BrokerResult run() {
        Optional<BrokerAdapter> found = Brokers.find(target.adapterId());
        if (found.isEmpty()) {
            return result(found, target.options(), BrokerFeatures.UNKNOWN, new RunOutcome.Failed("no broker adapter '"
                    + target.adapterId() + "'; available: "
                    + Brokers.all().stream().map(BrokerAdapter::id).collect(Collectors.joining(", "))));
        }
        BrokerAdapter adapter = found.get();
        phase(Phase.CONNECTING);
        Map<String, String> options = effectiveOptions(adapter);
        BrokerConnection connection;
        try {
            connection = adapter.connect(options);
        } catch (RuntimeException e) {
            // Wrong options are the comparison's mistake, not the broker's absence.
            boolean unreachable = e instanceof ConnectionException refused
                    && refused.reason() != ConnectionException.Reason.INVALID_OPTIONS;
            return result(found, options, BrokerFeatures.of(adapter.capabilities(), false), unreachable
                    ? new RunOutcome.Unreachable(describe(e)) : new RunOutcome.Failed(describe(e)));
        }
        Capabilities capabilities;
        RunOutcome outcome;
        try {
            capabilities = connection.capabilities();
            outcome = measure(connection, capabilities);
        } catch (RuntimeException e) {
            log.warn("the comparison run on {} failed", target.label(), e);
            capabilities = connection.capabilities();
            outcome = new RunOutcome.Failed(describe(e));
        } finally {
            closeQuietly(connection);
        }
        return result(found, options, BrokerFeatures.of(capabilities, true), outcome);
    }

    private RunOutcome measure(BrokerConnection connection, Capabilities capabilities) {
        noteDurability(capabilities);
        int consumers = workload.consumers();
        if (consumers > 1 && !capabilities.has(Feature.CONSUMER_GROUPS)) {
            notes.add("no consumer groups: 1 consumer instead of " + consumers + ", since every subscriber would "
                    + "receive every message");
            consumers = 1;
        }
        boolean consumeAfter = consumeAfterPublishing(capabilities);
        Route route = Route.of(workload, runId, consumers);
        Measurements measurements = new Measurements();
        Subscriber subscriber = connection.newSubscriber();
        Publisher publisher = connection.newPublisher();
        Router router = new Router(new RouterConfig(settings.closeTimeout()));
        LoadGenerator generator = null;
        boolean cancelled;
        long measuredStart;
        try {
            if (workload.ackMode() == AckMode.INSTANT) {
                router.addMiddleware(new InstantAck());
            }
            route.initialize(subscriber);
            route.addHandlers(router, connection, subscriber,
                    message -> measurements.received(message, System.nanoTime()));
            if (!consumeAfter) {
                router.start();
            }
            long start = System.nanoTime();
            Schedule schedule = new Schedule(workload, start);
            generator = new LoadGenerator(publisher, route.publishTopics(), workload, schedule, measurements,
                    shape(capabilities));
            generator.start(start);
            cancelled = new Monitor(measurements, schedule, generator, start,
                    consumeAfter ? router::start : () -> { }).watch();
            measuredStart = schedule.measuredStartNanos();
        } finally {
            stop(generator);
            phase(Phase.CLOSING);
            close(router, subscriber, publisher);
        }
        Metrics metrics = measurements.metrics(measuredStart);
        noteShortfalls(metrics, generator);
        return cancelled ? new RunOutcome.Cancelled("cancelled after " + metrics.sent() + " measured messages")
                : new RunOutcome.Measured(metrics);
    }

    /**
     * Whether the consumers start only after the producers are done: when the workload asks for it and the broker
     * keeps what is published before anyone subscribes.
     */
    private boolean consumeAfterPublishing(Capabilities capabilities) {
        if (!workload.consumeAfterPublishing()) {
            return false;
        }
        if (!capabilities.has(Feature.PERSISTENT)) {
            notes.add("not persistent with these options: the consumers ran alongside the producers, since what is "
                    + "published before they subscribe would be lost");
            return false;
        }
        notes.add("consumers started after the last publish: the consume rate is theirs alone, reading the backlog, "
                + "and latencies include the wait");
        return true;
    }

    /**
     * Watches the run from the calling thread: reports progress and phase changes, notices cancellation, and after
     * the producers are done starts the consumers if they wait for that, then waits for them until they have
     * everything or the idle timeout passes.
     */
    private final class Monitor {
        private final Measurements measurements;
        private final Schedule schedule;
        private final LoadGenerator generator;
        private final long start;
        private final Runnable startConsumers;
        private Phase phase;
        private long lastSampleNanos;
        private long lastSent;
        private long lastReceived;

        Monitor(Measurements measurements, Schedule schedule, LoadGenerator generator, long start,
                Runnable startConsumers) {
            this.measurements = measurements;
            this.schedule = schedule;
            this.generator = generator;
            this.start = start;
            this.startConsumers = startConsumers;
            this.lastSampleNanos = start;
        }

        /** Returns true if the run was cancelled. */
        boolean watch() {
            enter(schedule.measuring() ? Phase.MEASURING : Phase.WARMING_UP);
            while (!generator.finished()) {
                if (pause()) {
                    generator.stop();
                    return true;
                }
                if (phase == Phase.WARMING_UP && schedule.measuring()) {
                    enter(Phase.MEASURING);
                }
                report();
            }
            enter(Phase.DRAINING);
            startConsumers.run();
            long lastArrival = System.nanoTime();
            long received = measurements.received();
            while (received < measurements.sent()) {
                if (pause()) {
                    return true;
                }
                report();
                long now = measurements.received();
                if (now != received) {
                    received = now;
                    lastArrival = System.nanoTime();
                } else if (System.nanoTime() - lastArrival > settings.idleTimeout().toNanos()) {
                    notes.add("stopped waiting for " + (measurements.sent() - received) + " measured messages after "
                            + CompareJson.format(settings.idleTimeout()) + " without any arriving");
                    break;
                }
            }
            report();
            return false;
        }

        /** Sleeps one progress interval; true if the comparison was cancelled. */
        private boolean pause() {
            long until = System.nanoTime() + settings.progressInterval().toNanos();
            while (System.nanoTime() - until < 0) {
                if (cancel.isCancelled()) {
                    return true;
                }
                try {
                    Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    // The caller's thread is interrupted: treat it as a cancel, as a GUI task's cancel would mean.
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
            return cancel.isCancelled();
        }

        private void enter(Phase next) {
            if (next == Phase.MEASURING) {
                // The counters reported switch from the warm-up's to the measured phase's, which start at zero.
                lastSent = 0;
                lastReceived = 0;
            }
            phase = next;
            phase(next);
        }

        private void report() {
            long now = System.nanoTime();
            boolean warmingUp = phase == Phase.WARMING_UP;
            long sent = warmingUp ? measurements.warmupSent() : measurements.sent();
            long received = warmingUp ? measurements.warmupReceived() : measurements.received();
            Histogram interval = measurements.sample();
            double seconds = Math.max(1e-9, (now - lastSampleNanos) / 1e9);
            double publishRate = Math.max(0, sent - lastSent) / seconds;
            double consumeRate = Math.max(0, received - lastReceived) / seconds;
            listener.accept(new CompareEvent.Progress(target.label(), phase, Duration.ofNanos(now - start), sent,
                    received, measurements.errors(), publishRate, consumeRate,
                    interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(50),
                    interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99)));
            lastSampleNanos = now;
            lastSent = sent;
            lastReceived = received;
        }
    }

    private LoadGenerator.MessageShape shape(Capabilities capabilities) {
        int keys = capabilities.has(Feature.KEYS) && workload.partitions() > 1 ? workload.partitions() : 0;
        boolean demo = workload.topology() == Topology.ROUTER_HOP;
        return new LoadGenerator.MessageShape(demo ? greeting(workload.messageSize()) : random(workload.messageSize()),
                keys, demo);
    }

    /** The demo's greeting, repeated or cut to {@code size} bytes. */
    private static byte[] greeting(int size) {
        byte[] text = DemoFlow.GREETING.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = text[i % text.length];
        }
        return payload;
    }

    /** Random bytes, so that brokers or options that compress gain nothing a real payload would not give them. */
    private static byte[] random(int size) {
        byte[] payload = new byte[size];
        ThreadLocalRandom.current().nextBytes(payload);
        return payload;
    }

    private Map<String, String> effectiveOptions(BrokerAdapter adapter) {
        Map<String, String> options = new LinkedHashMap<>(target.options());
        Capabilities declared = adapter.capabilities();
        int partitions = workload.partitions();
        if (declared.has(Feature.PARTITIONS)) {
            boolean offered = adapter.options().stream().anyMatch(spec -> spec.name().equals(PARTITIONS_OPTION));
            if (options.containsKey(PARTITIONS_OPTION)) {
                notes.add("topics created with the " + PARTITIONS_OPTION + " given: " + options.get(PARTITIONS_OPTION));
            } else if (offered) {
                options.put(PARTITIONS_OPTION, Integer.toString(partitions));
            } else {
                notes.add("partitions: the broker's default (the adapter offers no " + PARTITIONS_OPTION + " option)");
            }
        } else if (partitions > 1) {
            notes.add(declared.has(Feature.KEYS)
                    ? "no partitions: messages carry " + partitions + " distinct keys instead"
                    : "no partitions and no keys: the workload's " + partitions + " partitions do not apply");
        }
        return options;
    }

    private void noteDurability(Capabilities capabilities) {
        if (workload.durability() == Durability.PERSISTENT && !capabilities.has(Feature.PERSISTENT)) {
            notes.add("not persistent with these options, while the workload asks for persistence: its numbers are "
                    + "not like for like");
        }
    }

    private void noteShortfalls(Metrics metrics, LoadGenerator generator) {
        if (!workload.unlimitedRate() && metrics.sent() > 0
                && metrics.publishRate() < HELD_RATE * workload.targetRate()) {
            notes.add(String.format("published %.0f msg/s, below the target of %d msg/s: publish calls took too long "
                    + "to hold the rate", metrics.publishRate(), workload.targetRate()));
        }
        if (generator != null && generator.producerGaveUp()) {
            notes.add("a producer gave up after " + LoadGenerator.MAX_CONSECUTIVE_FAILURES
                    + " failed publish calls in a row");
        }
    }

    private void stop(LoadGenerator generator) {
        if (generator == null) {
            return;
        }
        generator.stop();
        if (!generator.awaitStopped(settings.producerStopTimeout())) {
            notes.add("a producer was still inside a publish call " + CompareJson.format(settings.producerStopTimeout())
                    + " after the run ended");
        }
    }

    private void close(Router router, Subscriber subscriber, Publisher publisher) {
        try {
            router.close();
        } catch (RouterCloseTimeoutException e) {
            notes.add("closing the router timed out: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("closing the router of {} failed", target.label(), e);
        }
        try {
            subscriber.close();
        } catch (RuntimeException e) {
            log.warn("closing the subscriber of {} failed", target.label(), e);
        }
        try {
            publisher.close();
        } catch (RuntimeException e) {
            log.warn("closing the publisher of {} failed", target.label(), e);
        }
    }

    private void closeQuietly(BrokerConnection connection) {
        try {
            connection.close();
        } catch (RuntimeException e) {
            log.warn("closing the connection to {} failed", target.label(), e);
        }
    }

    private void phase(Phase phase) {
        listener.accept(new CompareEvent.PhaseChanged(target.label(), phase));
    }

    private BrokerResult result(Optional<BrokerAdapter> adapter, Map<String, String> options, BrokerFeatures features,
            RunOutcome outcome) {
        return new BrokerResult(target.label(), target.adapterId(),
                adapter.map(BrokerAdapter::displayName).orElse(target.adapterId()), masked(adapter, options), features,
                notes, outcome);
    }

    /** The options with secret values masked; every value is masked when the adapter is unknown. */
    private static Map<String, String> masked(Optional<BrokerAdapter> adapter, Map<String, String> options) {
        Map<String, String> shown = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            boolean secret = adapter.map(a -> a.options().stream()
                    .anyMatch(spec -> spec.name().equals(name) && spec.secret())).orElse(true);
            shown.put(name, secret ? MASK : value);
        });
        return shown;
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
