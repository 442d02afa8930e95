package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.testing.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ComparisonRunnerTest {
    private final ComparisonRunner runner = new ComparisonRunner(TestWorkloads.quickSettings());
    private final List<CompareEvent> events = new CopyOnWriteArrayList<>();

    private ComparisonResult run(Workload workload, BrokerTarget... targets) {
        return runner.run(workload, List.of(targets), events::add, new CancelFlag());
    }

    private static Metrics metricsOf(BrokerResult result) {
        assertThat(result.outcome()).as(result.toString()).isInstanceOf(RunOutcome.Measured.class);
        return result.metrics().orElseThrow();
    }

    @Test
    void memoryBrokerReceivesExactlyWhatWasSent() {
        Metrics metrics = metricsOf(run(TestWorkloads.shortMaxThroughput(), TestWorkloads.memory()).brokers().get(0));

        assertThat(metrics.sent()).isEqualTo(2_000);
        assertThat(metrics.received()).isEqualTo(2_000);
        assertThat(metrics.lost()).isZero();
        assertThat(metrics.duplicates()).isZero();
        assertThat(metrics.errors()).isZero();
    }

    @Test
    void throughputIsMeasuredOnBothSides() {
        Metrics metrics = metricsOf(run(TestWorkloads.shortMaxThroughput(), TestWorkloads.memory()).brokers().get(0));

        assertThat(metrics.publishRate()).isPositive();
        assertThat(metrics.consumeRate()).isPositive();
        assertThat(metrics.publishSeconds()).isPositive();
    }

    @Test
    void latencyPercentilesAreOrderedAndCoverEveryReceivedMessage() {
        Metrics metrics = metricsOf(run(TestWorkloads.shortMaxThroughput(), TestWorkloads.memory()).brokers().get(0));
        LatencySummary latency = metrics.endToEnd();

        assertThat(latency.count()).isEqualTo(metrics.received());
        assertThat(latency.p50Nanos()).isPositive();
        assertThat(latency.p50Nanos()).isLessThanOrEqualTo(latency.p90Nanos());
        assertThat(latency.p90Nanos()).isLessThanOrEqualTo(latency.p99Nanos());
        assertThat(latency.p99Nanos()).isLessThanOrEqualTo(latency.p999Nanos());
        assertThat(latency.p999Nanos()).isLessThanOrEqualTo(latency.maxNanos());
        assertThat(metrics.publishLatency().count()).isEqualTo(metrics.sent());
    }

    @Test
    void warmupMessagesAreSentButNotMeasured() {
        Metrics metrics = metricsOf(run(TestWorkloads.shortMaxThroughput(), TestWorkloads.memory()).brokers().get(0));

        assertThat(metrics.warmupSent()).isEqualTo(200);
        assertThat(metrics.sent()).isEqualTo(2_000);
        assertThat(metrics.endToEnd().count()).isEqualTo(2_000);
    }

    @Test
    void fixedRateRunPublishesAtItsTargetRate() {
        Metrics metrics = metricsOf(run(TestWorkloads.shortFixedRate(200), TestWorkloads.memory()).brokers().get(0));

        assertThat(metrics.sent()).isBetween(160L, 225L);
        assertThat(metrics.publishRate()).isBetween(160.0, 230.0);
        assertThat(metrics.received()).isEqualTo(metrics.sent());
    }

    @Test
    void batchedPublishingDeliversEveryMessageAndTimesEachOne() {
        Workload batched = TestWorkloads.shortMaxThroughput().withPublishBatch(100);

        Metrics metrics = metricsOf(run(batched, TestWorkloads.memory()).brokers().get(0));

        assertThat(metrics.warmupSent()).isEqualTo(200);
        assertThat(metrics.sent()).isEqualTo(2_000);
        assertThat(metrics.received()).isEqualTo(2_000);
        assertThat(metrics.duplicates()).isZero();
        assertThat(metrics.publishLatency().count()).isEqualTo(2_000);
        assertThat(metrics.endToEnd().count()).isEqualTo(2_000);
    }

    @Test
    void consumingAfterPublishingStartsTheConsumersOnceTheProducersAreDone() {
        Workload after = TestWorkloads.shortMaxThroughput().withPublishBatch(100).withConsumeAfterPublishing(true);

        BrokerResult result = run(after, TestWorkloads.memory()).brokers().get(0);

        assertThat(metricsOf(result).received()).isEqualTo(2_000);
        assertThat(metricsOf(result).consumeRate()).isPositive();
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("after the last publish"));
        assertThat(events).filteredOn(CompareEvent.Progress.class::isInstance).map(CompareEvent.Progress.class::cast)
                .filteredOn(progress -> progress.phase() != Phase.DRAINING)
                .isNotEmpty().allSatisfy(progress -> assertThat(progress.received()).isZero());
    }

    @Test
    void consumingAfterPublishingOnABrokerThatKeepsNothingConsumesAlongsideWithANote() {
        Workload after = TestWorkloads.shortMaxThroughput().withConsumeAfterPublishing(true);
        BrokerTarget transientMemory = TestWorkloads.memory().withOption("persistent", "false");

        BrokerResult result = run(after, transientMemory).brokers().get(0);

        assertThat(metricsOf(result).received()).isEqualTo(2_000);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("ran alongside the producers"));
    }

    @Test
    void routerHopMeasuresEveryGreetingThroughHelloHandler() {
        BrokerResult result = run(TestWorkloads.shortRouterHop(), TestWorkloads.memory()).brokers().get(0);
        Metrics metrics = metricsOf(result);

        assertThat(metrics.sent()).isEqualTo(500);
        assertThat(metrics.received()).isEqualTo(500);
        assertThat(metrics.endToEnd().p50Nanos()).isPositive();
    }

    @Test
    void instantAckStillDeliversEveryMessage() {
        Workload instant = new Workload("instant", "", 64, 1_000, null, 0, 1, 1, 1, 1, Durability.ANY,
                AckMode.INSTANT, Warmup.NONE, Topology.DIRECT);

        Metrics metrics = metricsOf(run(instant, TestWorkloads.memory()).brokers().get(0));

        assertThat(metrics.received()).isEqualTo(1_000);
    }

    @Test
    void severalTopicsAndConsumersShareTheWorkWithoutDuplicates() {
        Workload spread = new Workload("spread", "", 32, 1_200, null, 0, 3, 2, 3, 1, Durability.ANY,
                AckMode.AFTER_HANDLING, Warmup.NONE, Topology.DIRECT);

        Metrics metrics = metricsOf(run(spread, TestWorkloads.memory()).brokers().get(0));

        assertThat(metrics.received()).isEqualTo(1_200);
        assertThat(metrics.duplicates()).isZero();
    }

    @Test
    void unreachableBrokerSaysWhyAndTheNextBrokerStillRuns() {
        BrokerTarget nowhere = new BrokerTarget("nats", "nats",
                Map.of("servers", "nats://127.0.0.1:" + FreePorts.next(), "connect-timeout", "1s"));

        ComparisonResult result = run(TestWorkloads.shortMaxThroughput(), nowhere, TestWorkloads.memory());

        assertThat(result.brokers().get(0).outcome()).isInstanceOfSatisfying(RunOutcome.Unreachable.class,
                unreachable -> assertThat(unreachable.reason()).isNotBlank());
        assertThat(result.brokers().get(0).features().fromConnection()).isFalse();
        assertThat(metricsOf(result.brokers().get(1)).received()).isEqualTo(2_000);
    }

    @Test
    void invalidOptionsAreAFailedColumnRatherThanAnUnreachableBroker() {
        BrokerTarget mistyped = TestWorkloads.memory().withOption("max-mesages", "10");

        ComparisonResult result = run(TestWorkloads.shortMaxThroughput(), mistyped);

        assertThat(result.brokers().get(0).outcome()).isInstanceOfSatisfying(RunOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("unknown option 'max-mesages'"));
    }

    @Test
    void unknownAdapterIsAFailedColumnNamingTheAvailableOnes() {
        ComparisonResult result = run(TestWorkloads.shortMaxThroughput(), BrokerTarget.of("nosuch"));

        assertThat(result.brokers().get(0).outcome()).isInstanceOfSatisfying(RunOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("no broker adapter 'nosuch'").contains("memory"));
    }

    @Test
    void persistentWorkloadOnATransientConnectionIsNotedAsNotLikeForLike() {
        Workload persistent = TestWorkloads.shortMaxThroughput().withMessages(200);
        persistent = new Workload(persistent.name(), "", 64, 200, null, 0, 1, 1, 1, 1, Durability.PERSISTENT,
                AckMode.AFTER_HANDLING, Warmup.NONE, Topology.DIRECT);
        BrokerTarget transientMemory = TestWorkloads.memory().withOption("persistent", "false");

        BrokerResult result = run(persistent, transientMemory).brokers().get(0);

        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("not persistent"));
    }

    @Test
    void secretOptionsAreMaskedInTheResult() {
        BrokerTarget withPassword = new BrokerTarget("nats", "nats", Map.of("servers",
                "nats://127.0.0.1:" + FreePorts.next(), "password", "hunter2", "connect-timeout", "1s"));

        BrokerResult result = run(TestWorkloads.shortMaxThroughput(), withPassword).brokers().get(0);

        assertThat(result.options()).containsEntry("password", "****").doesNotContainValue("hunter2");
    }

    @Test
    void progressIsReportedThroughThePhasesInOrder() {
        run(TestWorkloads.shortFixedRate(100), TestWorkloads.memory());

        List<Phase> phases = new ArrayList<>();
        events.stream().filter(CompareEvent.PhaseChanged.class::isInstance).map(CompareEvent.PhaseChanged.class::cast)
                .forEach(changed -> phases.add(changed.phase()));
        assertThat(phases).containsExactly(Phase.CONNECTING, Phase.WARMING_UP, Phase.MEASURING, Phase.DRAINING,
                Phase.CLOSING);
        assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOf(CompareEvent.Progress.class));
        assertThat(events.get(events.size() - 1)).isInstanceOf(CompareEvent.ComparisonFinished.class);
    }

    @Test
    void cancelStopsTheRunningBrokerAndSkipsTheOthers() {
        CancelFlag cancel = new CancelFlag();
        Workload long_ = TestWorkloads.shortFixedRate(100).withDuration(Duration.ofMinutes(5));
        long started = System.nanoTime();

        ComparisonResult result = runner.run(long_, List.of(TestWorkloads.memory(), BrokerTarget.of("memory-2")),
                event -> {
                    if (event instanceof CompareEvent.Progress progress && progress.phase() == Phase.MEASURING) {
                        cancel.cancel();
                    }
                }, cancel);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(result.brokers()).extracting(broker -> broker.outcome().status())
                .containsExactly("cancelled", "cancelled");
    }
}
