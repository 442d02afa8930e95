package dev.millrace.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.broker.RawClientBaseline;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KafkaRawClientBaselineTest {
    private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();

    @Test
    void theBaselineIsFoundForTheKafkaAdapter() {
        assertThat(ServiceLoader.load(RawClientBaseline.class).stream().map(ServiceLoader.Provider::get))
                .anyMatch(baseline -> baseline.adapterId().equals("kafka"));
    }

    @Test
    void theBaselinePublishesAndThenConsumesEveryMessage() throws Exception {
        RawClientBaseline baseline = new KafkaRawClientBaseline();
        Map<String, String> options = Map.of("bootstrap.servers", BROKER.bootstrapServers(), "topic.partitions", "2");
        String topic = "baseline-" + UUID.randomUUID();

        baseline.prepare(options, topic);
        Duration publishing = baseline.publish(options, topic, 500, 64, 4);
        Duration consuming = baseline.consume(options, topic, 500);

        assertThat(publishing).isPositive();
        assertThat(consuming).isPositive();
    }
}
