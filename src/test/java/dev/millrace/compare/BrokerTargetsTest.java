package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerTargetsTest {

    @Test
    void eachBrokerIsLabelledWithItsAdapterId() {
        List<BrokerTarget> targets = BrokerTargets.parse("memory, kafka,nats", Map.of(), Map.of());

        assertThat(targets).extracting(BrokerTarget::label).containsExactly("memory", "kafka", "nats");
        assertThat(targets).extracting(BrokerTarget::adapterId).containsExactly("memory", "kafka", "nats");
    }

    @Test
    void aLabelLetsOneAdapterRunTwiceWithDifferentOptions() {
        List<BrokerTarget> targets = BrokerTargets.parse("amqp,amqp-quorum:amqp",
                Map.of("amqp-quorum.queue-type", "quorum"), Map.of());

        assertThat(targets.get(1).adapterId()).isEqualTo("amqp");
        assertThat(targets.get(1).options()).containsEntry("queue-type", "quorum");
        assertThat(targets.get(0).options()).isEmpty();
    }

    @Test
    void optionsGoToTheBrokerTheirPrefixNamesWithDotsKept() {
        List<BrokerTarget> targets = BrokerTargets.parse("memory,kafka",
                Map.of("kafka.bootstrap.servers", "localhost:9092"), Map.of());

        assertThat(targets.get(1).options()).containsExactly(Map.entry("bootstrap.servers", "localhost:9092"));
    }

    @Test
    void environmentVariablesFillOptionsNotGivenOnTheCommandLine() {
        List<BrokerTarget> targets = BrokerTargets.parse("kafka,nats", Map.of("nats.servers", "nats://a:1"),
                Map.of("MILLRACE_KAFKA_BOOTSTRAP_SERVERS", "b:2", "MILLRACE_NATS_SERVERS", "nats://ignored:3"));

        assertThat(targets.get(0).options()).containsEntry("bootstrap.servers", "b:2");
        assertThat(targets.get(1).options()).containsEntry("servers", "nats://a:1");
    }

    @Test
    void anOptionForABrokerNotInTheListIsRejected() {
        assertThatThrownBy(() -> BrokerTargets.parse("memory", Map.of("kafka.bootstrap.servers", "x"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafka.bootstrap.servers").hasMessageContaining("memory");
    }

    @Test
    void theVariableNameIsUpperCaseWithUnderscores() {
        assertThat(BrokerTargets.variable("amqp-quorum", "queue-type")).isEqualTo("MILLRACE_AMQP_QUORUM_QUEUE_TYPE");
    }
}
