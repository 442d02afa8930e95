package dev.millrace.compare;

import dev.millrace.broker.Feature;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** A hand-made comparison of three brokers, one unreachable, for report tests that need no broker. */
final class SampleResults {

    private SampleResults() {
    }

    static ComparisonResult threeBrokers() {
        BrokerResult fast = new BrokerResult("fast", "memory", "Fast broker", Map.of("instance", "a"),
                new BrokerFeatures(EnumSet.of(Feature.CONSUMER_GROUPS, Feature.PERSISTENT, Feature.KEYS,
                        Feature.GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER), 64L << 20, true),
                List.of(), new RunOutcome.Measured(metrics(50_000, 48_000, 20_000)));
        BrokerResult partitioned = new BrokerResult("partitioned", "kafka", "Partitioned broker",
                Map.of("bootstrap.servers", "127.0.0.1:1", "sasl.password", "****"),
                new BrokerFeatures(EnumSet.of(Feature.CONSUMER_GROUPS, Feature.PERSISTENT, Feature.PARTITIONS,
                        Feature.PARALLEL_STREAMS, Feature.GUARANTEED_ORDER, Feature.START_POSITIONS,
                        Feature.NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES), 1L << 20, true),
                List.of("a note, with a comma"), new RunOutcome.Measured(metrics(4_000, 3_900, 2_500_000)));
        BrokerResult gone = new BrokerResult("gone", "nats", "Unreachable broker", Map.of(),
                new BrokerFeatures(EnumSet.of(Feature.WILDCARDS), 1L << 20, false), List.of(),
                new RunOutcome.Unreachable("connection refused <127.0.0.1:4>"));
        Instant started = Instant.parse("2026-11-15T10:00:00Z");
        return new ComparisonResult("20261115-100000-sample-abc123", TestWorkloads.shortMaxThroughput(), started,
                started.plusSeconds(30), new RunEnvironment(2, "21", "Linux", "test"),
                "millrace compare --brokers fast,partitioned,gone", List.of(fast, partitioned, gone), List.of());
    }

    private static Metrics metrics(double publishRate, double consumeRate, long p50Nanos) {
        LatencySummary latency = new LatencySummary(2_000, p50Nanos / 2, p50Nanos, p50Nanos * 2, p50Nanos * 4,
                p50Nanos * 8, p50Nanos * 10, p50Nanos * 1.3,
                List.of(new LatencySummary.Point(0, p50Nanos / 2), new LatencySummary.Point(50, p50Nanos),
                        new LatencySummary.Point(90, p50Nanos * 2), new LatencySummary.Point(99, p50Nanos * 4),
                        new LatencySummary.Point(99.9, p50Nanos * 8), new LatencySummary.Point(100, p50Nanos * 10)));
        LatencySummary publish = new LatencySummary(2_000, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 2_500,
                List.of());
        return new Metrics(2_000, 2_000, 0, 0, null, 200, 200, publishRate, consumeRate, 2_000 / publishRate,
                latency, publish);
    }
}
