package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
    void theKafkaConsumerToolGivesNoRateWhenItRanOutOfRecords() {
        String output = """
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                WARNING: Exiting before consuming the expected number of messages: timeout (60000 ms) exceeded. You can use the --timeout option to increase the timeout.
                2026-11-26 17:46:23:656, 2026-11-26 17:47:25:839, 7.3242, 0.1178, 30000, 482.4, 1069, 61114, 0.1198, 490.9
                """;

        assertThat(KafkaPerfTools.fetchRate(output)).isNull();
    }

    @Test
    void theKafkaProducerToolsRecordsCarryTheBytesOfMillracesHeaders() {
        Workload batched = Workloads.builtIn("batched-throughput");
        long nanoTime = 12_345_678_901_234L;
        int id = 2 + "_watermill_message_uuid".length() + 36;
        int sequence = 2 + Stamps.SEQUENCE.length() + "99999".length();
        int sent = 2 + Stamps.SENT_NANOS.length() + Long.toString(nanoTime).length();

        assertThat(KafkaPerfTools.recordSize(batched, 100_000, nanoTime)).isEqualTo(256 + id + sequence + sent)
                .isEqualTo(387);
        Workload keyed = new Workload("keyed", "", 256, 100_000, null, 0, 4, 500, 1, 1, 12, Durability.ANY,
                AckMode.AFTER_HANDLING, Warmup.of(20_000), Topology.DIRECT, true);
        assertThat(KafkaPerfTools.recordSize(keyed, 100_000, nanoTime)).isEqualTo(387 + "key-11".length());
        Workload demo = TestWorkloads.shortRouterHop();
        assertThat(KafkaPerfTools.recordSize(demo, 500, nanoTime)).isEqualTo(demo.messageSize() + id
                + 2 + Stamps.SEQUENCE.length() + "499".length() + sent + 2 + "correlation_id".length() + 36);
    }

    @Test
    void theKafkaConsumerToolReadsOneTopicByNameAndSeveralByAPatternOfExactlyThem() {
        assertThat(KafkaPerfTools.topics(List.of("compare-ab.cd-0"))).containsExactly("--topic", "compare-ab.cd-0");

        List<String> several = KafkaPerfTools.topics(List.of("compare-ab.cd-0", "compare-ab.cd-1"));
        assertThat(several.get(0)).isEqualTo("--include");
        Pattern pattern = Pattern.compile(several.get(1));
        assertThat(pattern.matcher("compare-ab.cd-0").matches()).isTrue();
        assertThat(pattern.matcher("compare-ab.cd-1").matches()).isTrue();
        assertThat(pattern.matcher("compare-abXcd-1").matches()).isFalse();
        assertThat(pattern.matcher("compare-ab.cd-10").matches()).isFalse();
    }

    @Test
    void theKafkaConsumerToolGetsTheTopicsAndRecordCountMillraceLeftOnTheBroker() {
        Workload after = new Workload("after", "", 64, 1_000, null, 0, 2, 100, 1, 2, 1, Durability.ANY,
                AckMode.AFTER_HANDLING, Warmup.of(200), Topology.DIRECT, true);
        Map<String, String> options = LocalBrokers.kafka();
        ComparisonResult result = new ComparisonRunner(TestWorkloads.quickSettings()).run(after,
                List.of(TestWorkloads.memory(), new BrokerTarget("kafka", "kafka", options)), event -> { },
                new CancelFlag());

        ReferenceTool.Measured measured = HonestyCheck.measured(result, 1);

        assertThat(measured.topics()).hasSize(2);
        assertThat(measured.messages()).isEqualTo(1_000);
        long records = measured.warmupMessages() + measured.messages();
        assertThat(recordSizes(options.get("bootstrap.servers"), measured.topics(), records)).hasSize((int) records);
    }

    @Test
    void theKafkaToolsRecordSizeIsThatOfTheLongestRecordMillraceLeavesOnTheBroker() {
        Workload keyed = new Workload("keyed-after", "", 64, 1_000, null, 0, 2, 100, 1, 1, 3, Durability.ANY,
                AckMode.AFTER_HANDLING, Warmup.of(200), Topology.DIRECT, true);
        Map<String, String> options = LocalBrokers.kafka();
        ComparisonResult result = new ComparisonRunner(TestWorkloads.quickSettings()).run(keyed,
                List.of(new BrokerTarget("kafka", "kafka", options)), event -> { }, new CancelFlag());
        ReferenceTool.Measured measured = HonestyCheck.measured(result, 0);

        List<Integer> sizes = recordSizes(options.get("bootstrap.servers"), measured.topics(),
                measured.warmupMessages() + measured.messages());

        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElseThrow())
                .isEqualTo(KafkaPerfTools.recordSize(keyed, measured.messages(), System.nanoTime()));
    }

    @Test
    void theKafkaProducerToolsBufferHoldsMillracesUnacknowledgedRecordsInWholeBatches() {
        Workload batched = Workloads.builtIn("batched-throughput");
        long window = (long) batched.producers() * batched.publishBatch() * (387 + KafkaPerfTools.RECORD_OVERHEAD);

        assertThat(KafkaPerfTools.bufferMemory(batched, 387)).isGreaterThanOrEqualTo(window)
                .isLessThan(window + KafkaPerfTools.BATCH_SIZE);
        assertThat(KafkaPerfTools.bufferMemory(batched, 387) % KafkaPerfTools.BATCH_SIZE).isZero();
        assertThat(KafkaPerfTools.bufferMemory(Workloads.builtIn("max-throughput"), 387))
                .isEqualTo(KafkaPerfTools.BATCH_SIZE);
    }

    @Test
    void theKafkaToolsMethodSaysTheRecordSizeTheTopicsReadAndTheRateColumn() {
        Workload batched = Workloads.builtIn("batched-throughput");

        assertThat(KafkaPerfTools.method(batched, 387)).contains("500 messages per publish call")
                .contains("records of 387 B without headers").contains("reads Millrace's own records")
                .contains("fetch.nMsg.sec, which leaves out the group join")
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
    void theNatsJsBenchsPubAndSubRatesAreRead() {
        String output = """
                pubsub 754,423 msgs/sec - [0.53 secs] ~ 184.19 MB/sec 530.206691/530.206691
                pub 377,315 msgs/sec - [0.53 secs] ~ 92.12 MB/sec 530.0605029999999/530.0605029999999
                sub 634,354 msgs/sec - [0.32 secs] ~ 154.87 MB/sec 315.281537/315.281537
                """;

        assertThat(NatsJsBench.publishRate(output)).isEqualTo(377_315);
        assertThat(NatsJsBench.subscribeRate(output)).isEqualTo(634_354);
    }

    @Test
    void aBrokerWithTwoToolsAndNeitherLocatedNamesBothWaysToLocateOne() {
        BrokerTarget nats = new BrokerTarget("partitioned", "nats", Map.of());

        List<ReferenceResult> checked = new HonestyCheck(Map.of(), Duration.ofSeconds(5))
                .run(SampleResults.threeBrokers(), List.of(nats), line -> { }, new CancelFlag());

        assertThat(checked).singleElement().satisfies(reference -> assertThat(reference.problem())
                .contains("--tool nats-js-bench=").contains(" or --tool nats-bench="));
    }

    @Test
    void theLocatedOneOfTwoToolsRuns() {
        BrokerTarget nats = new BrokerTarget("partitioned", "nats", Map.of());

        List<ReferenceResult> checked = new HonestyCheck(Map.of("nats-bench", "/nowhere"), Duration.ofSeconds(30))
                .run(SampleResults.threeBrokers(), List.of(nats), line -> { }, new CancelFlag());

        assertThat(checked).singleElement().satisfies(reference -> {
            assertThat(reference.tool()).isEqualTo("jnats NatsBench");
            assertThat(reference.problem()).isNotBlank();
        });
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

    /** The bytes of each record on {@code topics}, as the tool's value would need them, read from the oldest. */
    private static List<Integer> recordSizes(String servers, List<String> topics, long expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<Integer> sizes = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (sizes.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    int size = Math.max(0, record.serializedValueSize()) + Math.max(0, record.serializedKeySize());
                    for (Header header : record.headers()) {
                        size += KafkaPerfTools.HEADER_FRAMING + header.key().getBytes(StandardCharsets.UTF_8).length
                                + header.value().length;
                    }
                    sizes.add(size);
                }
            }
        }
        return sizes;
    }
}
