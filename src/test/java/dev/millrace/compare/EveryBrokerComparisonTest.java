package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The short workload on every broker Millrace has an adapter for, each a real one started for this test run: the
 * comparison runs once, and each test checks one promise about its columns.
 */
class EveryBrokerComparisonTest {
    private static final List<String> BROKERS = List.of("memory", "kafka", "nats", "jetstream", "amqp");
    private static ComparisonResult direct;
    private static ComparisonResult routerHop;

    @BeforeAll
    static void compareEveryBroker() {
        List<BrokerTarget> targets = List.of(TestWorkloads.memory(),
                new BrokerTarget("kafka", "kafka", LocalBrokers.kafka()),
                new BrokerTarget("nats", "nats", LocalBrokers.nats()),
                new BrokerTarget("jetstream", "jetstream", LocalBrokers.nats()),
                new BrokerTarget("amqp", "amqp", LocalBrokers.rabbitMq()));
        ComparisonRunner runner = new ComparisonRunner(TestWorkloads.quickSettings());
        direct = runner.run(TestWorkloads.shortMaxThroughput().withMessages(500), targets, event -> { },
                new CancelFlag());
        routerHop = runner.run(TestWorkloads.shortRouterHop().withMessages(200), targets, event -> { },
                new CancelFlag());
    }

    @Test
    void everyBrokerIsMeasured() {
        assertThat(direct.brokers()).extracting(BrokerResult::label).containsExactlyElementsOf(BROKERS);
        assertThat(direct.brokers()).allSatisfy(broker -> assertThat(broker.outcome())
                .as(broker.label() + ": " + broker.outcome()).isInstanceOf(RunOutcome.Measured.class));
    }

    @Test
    void everyBrokerDeliversEveryMessageItAccepted() {
        assertThat(direct.brokers()).allSatisfy(broker -> {
            Metrics metrics = broker.metrics().orElseThrow();
            assertThat(metrics.sent()).as(broker.label()).isEqualTo(500);
            assertThat(metrics.received()).as(broker.label()).isEqualTo(500);
            assertThat(metrics.errors()).as(broker.label()).isZero();
        });
    }

    @Test
    void everyBrokerHasThroughputAndOrderedPercentiles() {
        assertThat(direct.brokers()).allSatisfy(broker -> {
            Metrics metrics = broker.metrics().orElseThrow();
            LatencySummary latency = metrics.endToEnd();
            assertThat(metrics.publishRate()).as(broker.label()).isPositive();
            assertThat(metrics.consumeRate()).as(broker.label()).isPositive();
            assertThat(latency.p50Nanos()).as(broker.label()).isPositive()
                    .isLessThanOrEqualTo(latency.p99Nanos());
            assertThat(latency.p99Nanos()).as(broker.label()).isLessThanOrEqualTo(latency.maxNanos());
        });
    }

    @Test
    void theDemoTopologyRunsEndToEndOnEveryBroker() {
        assertThat(routerHop.brokers()).allSatisfy(broker -> {
            assertThat(broker.outcome()).as(broker.label() + ": " + broker.outcome())
                    .isInstanceOf(RunOutcome.Measured.class);
            assertThat(broker.metrics().orElseThrow().received()).as(broker.label()).isEqualTo(200);
        });
    }

    @Test
    void featuresComeFromEachConnection() {
        assertThat(direct.brokers()).allSatisfy(broker -> assertThat(broker.features().fromConnection()).isTrue());
        FeatureTable table = FeatureTable.of(direct.brokers());
        assertThat(table.rows().get(6).cells()).as("partitions").containsExactly("no", "yes, read in parallel", "no",
                "no", "no");
    }

    @Test
    void theReportShowsEveryBrokerSideBySide() {
        assertThat(ReportFormat.MARKDOWN.render(direct))
                .contains("|  | **memory** | **kafka** | **nats** | **jetstream** | **amqp** |")
                .contains("| Received | 500 | 500 | 500 | 500 | 500 |");
    }
}
