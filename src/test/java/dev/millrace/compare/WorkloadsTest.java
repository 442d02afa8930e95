package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadsTest {

    @Test
    void everyBuiltInWorkloadLoadsUnderItsOwnName() {
        assertThat(Workloads.builtIn()).extracting(Workload::name)
                .containsExactlyElementsOf(Workloads.builtInNames())
                .contains("max-throughput", "batched-throughput", "fixed-rate-latency", "demo-router-hop");
    }

    @Test
    void maxThroughputIsCountedAtFullSpeed() {
        Workload workload = Workloads.builtIn("max-throughput");

        assertThat(workload.counted()).isTrue();
        assertThat(workload.unlimitedRate()).isTrue();
        assertThat(workload.warmup()).isInstanceOf(Warmup.Counted.class);
    }

    @Test
    void fixedRateLatencyIsTimedAtATargetRateOnOnePartition() {
        Workload workload = Workloads.builtIn("fixed-rate-latency");

        assertThat(workload.counted()).isFalse();
        assertThat(workload.targetRate()).isPositive();
        assertThat(workload.topics()).isEqualTo(1);
        assertThat(workload.partitions()).isEqualTo(1);
    }

    @Test
    void batchedThroughputIsMaxThroughputInBatchesConsumedAfterPublishing() {
        Workload max = Workloads.builtIn("max-throughput");
        Workload batched = Workloads.builtIn("batched-throughput");

        assertThat(batched.publishBatch()).isGreaterThan(1);
        assertThat(batched.consumeAfterPublishing()).isTrue();
        assertThat(max.publishBatch()).isEqualTo(1);
        assertThat(max.consumeAfterPublishing()).isFalse();
        assertThat(batched.withPublishBatch(1).withConsumeAfterPublishing(false))
                .usingRecursiveComparison().ignoringFields("name", "description").isEqualTo(max);
    }

    @Test
    void publishBatchAndConsumptionSurviveAJsonRoundTrip() {
        Workload workload = Workloads.parse("{\"name\": \"b\", \"messageSize\": 8, \"messages\": 10, "
                + "\"publishBatch\": 250, \"consumeAfterPublishing\": true}", "test");

        String json = Workloads.toJson(workload);

        assertThat(workload.publishBatch()).isEqualTo(250);
        assertThat(workload.consumeAfterPublishing()).isTrue();
        assertThat(json).contains("\"publishBatch\" : 250").contains("\"consumeAfterPublishing\" : true");
        assertThat(Workloads.parse(json, "written")).isEqualTo(workload);
    }

    @Test
    void aPublishBatchBelowOneIsRejected() {
        assertThatThrownBy(() -> Workloads.parse("{\"name\": \"x\", \"messageSize\": 1, \"messages\": 1, "
                + "\"publishBatch\": 0}", "x.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x.json").hasMessageContaining("'publishBatch' must be at least 1");
    }

    @Test
    void demoRouterHopGoesThroughTheRouter() {
        assertThat(Workloads.builtIn("demo-router-hop").topology()).isEqualTo(Topology.ROUTER_HOP);
    }

    @Test
    void aMinimalFileGetsDefaultsForWhatItLeavesOut() {
        Workload workload = Workloads.parse("{\"name\": \"tiny\", \"messageSize\": 10, \"messages\": 5}", "test");

        assertThat(workload.producers()).isEqualTo(1);
        assertThat(workload.publishBatch()).isEqualTo(1);
        assertThat(workload.consumeAfterPublishing()).isFalse();
        assertThat(workload.consumers()).isEqualTo(1);
        assertThat(workload.partitions()).isEqualTo(1);
        assertThat(workload.durability()).isEqualTo(Durability.ANY);
        assertThat(workload.ackMode()).isEqualTo(AckMode.AFTER_HANDLING);
        assertThat(workload.warmup()).isEqualTo(Warmup.NONE);
        assertThat(workload.topology()).isEqualTo(Topology.DIRECT);
    }

    @Test
    void warmupIsADurationOrACount() {
        String timed = "{\"name\": \"w\", \"messageSize\": 1, \"messages\": 1, \"warmup\": \"1500ms\"}";
        String counted = "{\"name\": \"w\", \"messageSize\": 1, \"messages\": 1, \"warmup\": 300}";

        assertThat(Workloads.parse(timed, "test").warmup()).isEqualTo(Warmup.of(Duration.ofMillis(1500)));
        assertThat(Workloads.parse(counted, "test").warmup()).isEqualTo(Warmup.of(300));
    }

    @Test
    void writtenWorkloadReadsBackEqual(@TempDir Path directory) {
        Path file = directory.resolve("copy.json");
        for (Workload workload : Workloads.builtIn()) {
            Workloads.write(workload, file);

            assertThat(Workloads.load(file.toString())).isEqualTo(workload);
        }
    }

    @Test
    void aFileNamedOnTheCommandLineIsLoadedFromItsPath(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("mine.json");
        Files.writeString(file, "{\"name\": \"mine\", \"messageSize\": 8, \"duration\": \"2s\", \"targetRate\": 10}");

        assertThat(Workloads.load(file.toString()).duration()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anUnknownNameListsTheBuiltInOnes() {
        assertThatThrownBy(() -> Workloads.load("no-such-workload"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-throughput").hasMessageContaining("fixed-rate-latency");
    }

    @Test
    void anUnknownFieldIsRejectedWithItsName() {
        assertThatThrownBy(() -> Workloads.parse("{\"name\": \"x\", \"messageSize\": 1, \"messages\": 1, "
                + "\"producer\": 2}", "file x.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file x.json").hasMessageContaining("producer");
    }

    @Test
    void everyProblemOfAWorkloadIsReportedAtOnce() {
        assertThatThrownBy(() -> Workloads.parse("{\"name\": \"bad\", \"messageSize\": -1, \"producers\": 0}",
                "bad.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'messageSize' must not be negative")
                .hasMessageContaining("'producers' must be at least 1")
                .hasMessageContaining("exactly one of 'messages'");
    }

    @Test
    void aBadDurationSaysWhatADurationLooksLike() {
        assertThatThrownBy(() -> Workloads.parse("{\"name\": \"x\", \"messageSize\": 1, \"duration\": \"soon\"}",
                "x.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("soon").hasMessageContaining("5s");
    }

    @Test
    void theRouterHopHasOneIncomingTopic() {
        assertThatThrownBy(() -> Workloads.parse("{\"name\": \"x\", \"messageSize\": 1, \"messages\": 1, "
                + "\"topics\": 2, \"topology\": \"router-hop\"}", "x.json"))
                .hasMessageContaining("'topics' must be 1");
    }
}
