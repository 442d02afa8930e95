package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HonestyCheckTest {

    @Test
    void theKafkaProducerToolsSteadyStateRateCountsWhenItHadAWarmup() {
        String output = """
                Warmup first 10000 records. Steady state results will print after the complete test summary.
                30000 records sent, 4192.872117 records/sec (1.02 MB/sec), 1728.50 ms avg latency, 3241.00 ms max latency, 1832 ms 50th, 2137 ms 95th, 2159 ms 99th, 2165 ms 99.9th.
                20000 steady state records sent, 6024.096386 records/sec (1.47 MB/sec), 1941.17 ms avg latency, 2166.00 ms max latency, 1937 ms 50th, 2142 ms 95th, 2160 ms 99th, 2166 ms 99.9th.
                """;

        assertThat(KafkaPerfTools.produceRate(output)).isEqualTo(6024.096386);
    }

    @Test
    void theKafkaConsumerToolsFetchRateLeavesOutTheGroupJoin() {
        String output = """
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                2026-11-26 17:46:23:656, 2026-11-26 17:46:25:839, 7.3242, 3.3551, 30000, 13742.5561, 1069, 1114, 6.5747, 26929.9820
                """;

        assertThat(KafkaPerfTools.fetchRate(output)).isEqualTo(26929.9820);
    }

    @Test
    void theKafkaProducerToolsBufferHoldsMillracesUnacknowledgedMessagesInWholeBatches() {
        Workload batched = Workloads.builtIn("batched-throughput");
        long window = (long) batched.producers() * batched.publishBatch()
                * (batched.messageSize() + KafkaPerfTools.RECORD_OVERHEAD);

        assertThat(KafkaPerfTools.bufferMemory(batched)).isGreaterThanOrEqualTo(window)
                .isLessThan(window + KafkaPerfTools.BATCH_SIZE);
        assertThat(KafkaPerfTools.bufferMemory(batched) % KafkaPerfTools.BATCH_SIZE).isZero();
        assertThat(KafkaPerfTools.bufferMemory(Workloads.builtIn("max-throughput")))
                .isEqualTo(KafkaPerfTools.BATCH_SIZE);
        assertThat(KafkaPerfTools.method(batched)).contains("500 messages per publish call")
                .contains("Millrace's consumers read their backlog after publishing");
    }

    @Test
    void perfTestsAverageRatesAreRead() {
        String output = """
                id: test-174611-257, time 8.001 s, sent: 617 msg/s, confirmed: 617 msg/s, nacked: 0 msg/s, received: 617 msg/s
                test stopped (Producer reached message limit, Consumer reached message limit)
                id: test-174611-257, sending rate avg: 359 msg/s
                id: test-174611-257, receiving rate avg: 358 msg/s
                """;

        assertThat(RabbitPerfTest.sendingRate(output)).isEqualTo(359);
        assertThat(RabbitPerfTest.receivingRate(output)).isEqualTo(358);
    }

    @Test
    void natsBenchsPubAndSubStatsAreReadWithThousandsSeparators() {
        String output = """
                Pub/Sub stats: 1,061,243 msgs/sec ~ 129.55 MB/sec
                 Pub stats: 530,621 msgs/sec ~ 64.77 MB/sec
                 Sub stats: 530,622 msgs/sec ~ 64.77 MB/sec
                """;

        assertThat(JnatsBench.publishRate(output)).isEqualTo(530_621);
        assertThat(JnatsBench.subscribeRate(output)).isEqualTo(530_622);
    }

    @Test
    void aToolThatIsNotLocatedSaysHowToLocateIt() {
        ComparisonResult result = SampleResults.threeBrokers();
        BrokerTarget kafka = new BrokerTarget("partitioned", "kafka", Map.of("bootstrap.servers", "127.0.0.1:1"));

        List<ReferenceResult> checked = new HonestyCheck(Map.of(), Duration.ofSeconds(5))
                .run(result, List.of(kafka), line -> { }, new CancelFlag());

        assertThat(checked).singleElement().satisfies(reference -> {
            assertThat(reference.publishRate()).isNull();
            assertThat(reference.problem()).contains("--tool kafka-tools=");
        });
    }

    @Test
    void aBrokerThatWasNotMeasuredIsNotChecked() {
        BrokerTarget gone = new BrokerTarget("gone", "nats", Map.of());

        assertThat(new HonestyCheck(Map.of("nats-bench", "/nowhere"), Duration.ofSeconds(5))
                .run(SampleResults.threeBrokers(), List.of(gone), line -> { }, new CancelFlag())).isEmpty();
    }

    @Test
    void aToolThatCannotRunGivesAProblemInsteadOfAnException() {
        BrokerTarget kafka = new BrokerTarget("partitioned", "kafka", Map.of("bootstrap.servers", "127.0.0.1:1"));

        List<ReferenceResult> checked = new HonestyCheck(Map.of("kafka-tools", "/no/such/classpath"),
                Duration.ofSeconds(30)).run(SampleResults.threeBrokers(), List.of(kafka), line -> { },
                new CancelFlag());

        assertThat(checked).singleElement().satisfies(reference -> assertThat(reference.problem()).isNotBlank());
    }

    @Test
    void anUnknownToolKeyIsRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> new HonestyCheck(Map.of("jmeter", "x"), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafka-tools").hasMessageContaining("perf-test").hasMessageContaining("nats-bench");
    }

    @Test
    void theReportShowsMillracesRateAsARatioOfTheTools() {
        ComparisonResult result = SampleResults.threeBrokers().withReferences(List.of(new ReferenceResult(
                "partitioned", "kafka-producer-perf-test", "kafka-producer-perf-test --topic t", 8_000.0, 16_000.0,
                "async", null)));

        assertThat(ReportFormat.MARKDOWN.render(result))
                .contains("| partitioned | kafka-producer-perf-test | 8,000 | 4,000 | 0.50× | 16,000 | 3,900 | 0.24× |");
    }
}
