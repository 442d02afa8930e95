package dev.millrace.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.millrace.message.ConnectionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaOptionsTest {
    private static final String SERVERS = "localhost:9092";

    @Test
    void bootstrapServersAreRequired() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class,
                () -> KafkaOptions.parse(Map.of()));

        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS);
        assertThat(failure).hasMessageContaining("bootstrap.servers");
    }

    @Test
    void saslProtocolsNeedAUserAndAPassword() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class, () -> KafkaOptions.parse(
                Map.of("bootstrap.servers", SERVERS, "security.protocol", "SASL_SSL")));

        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS);
        assertThat(failure).hasMessageContaining("sasl.username").hasMessageContaining("sasl.password");
    }

    @Test
    void aMissingTrustStoreIsReportedBeforeConnecting(@TempDir Path directory) {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class, () -> KafkaOptions.parse(
                Map.of("bootstrap.servers", SERVERS, "security.protocol", "SSL",
                        "ssl.truststore.location", directory.resolve("missing.p12").toString())));

        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS);
        assertThat(failure).hasMessageContaining("ssl.truststore.location");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class, () -> KafkaOptions.parse(
                Map.of("bootstrap.servers", SERVERS, "security.protocol", "SASL_PLAINTEXT",
                        "topic.partitions", "0")));

        assertThat(failure).hasMessageContaining("sasl.username").hasMessageContaining("topic.partitions");
    }

    @Test
    void saslCredentialsBecomeAJaasConfigWithQuotesEscaped() {
        KafkaOptions options = KafkaOptions.parse(Map.of("bootstrap.servers", SERVERS,
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.username", "bob", "sasl.password", "p\"w\\d"));

        Map<String, Object> config = options.producerConfig("test");

        assertThat(config).containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"bob\" "
                        + "password=\"p\\\"w\\\\d\";");
    }

    @Test
    void passwordsNeverAppearWhenOptionsArePrinted() {
        KafkaOptions options = KafkaOptions.parse(Map.of("bootstrap.servers", SERVERS,
                "security.protocol", "SASL_PLAINTEXT", "sasl.username", "alice", "sasl.password", "hunter2-secret"));

        assertThat(options.toString()).contains("alice").doesNotContain("hunter2-secret");
    }

    @Test
    void producersWaitForAllReplicasAndAreIdempotent() {
        Map<String, Object> config = KafkaOptions.parse(Map.of("bootstrap.servers", SERVERS)).producerConfig("test");

        assertThat(config).containsEntry("acks", "all").containsEntry("enable.idempotence", true);
    }

    @Test
    void consumersNeverCommitByThemselvesAndNewGroupsStartAtTheOldestMessage() {
        Map<String, Object> config = KafkaOptions.parse(Map.of("bootstrap.servers", SERVERS))
                .withGroupProtocol("classic").consumerConfig("test", "group");

        assertThat(config).containsEntry("enable.auto.commit", false).containsEntry("auto.offset.reset", "earliest")
                .containsEntry("group.id", "group");
    }

    @Test
    void aClientPropertiesFileAddsSettingsButCannotBreakTheDeliveryGuarantees(@TempDir Path directory)
            throws IOException {
        Path file = directory.resolve("client.properties");
        Files.writeString(file, "acks=0\nenable.auto.commit=true\nreceive.buffer.bytes=65536\n");
        KafkaOptions options = KafkaOptions.parse(Map.of("bootstrap.servers", SERVERS,
                "client.config", file.toString()));

        assertThat(options.producerConfig("test")).containsEntry("acks", "all")
                .containsEntry("receive.buffer.bytes", "65536");
        assertThat(options.withGroupProtocol("consumer").consumerConfig("test", "group"))
                .containsEntry("enable.auto.commit", false);
    }

    @Test
    void theNewGroupProtocolLeavesHeartbeatsAndAssignmentToTheBroker() {
        Map<String, Object> config = KafkaOptions.parse(Map.of("bootstrap.servers", SERVERS))
                .withGroupProtocol("consumer").consumerConfig("test", "group");

        assertThat(config).containsEntry("group.protocol", "consumer")
                .doesNotContainKeys("session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy");
    }

    @Test
    void producersAndCreatedTopicsAcceptThePayloadLimitPlusRoomForHeaders() {
        KafkaOptions options = KafkaOptions.parse(Map.of("bootstrap.servers", SERVERS, "max.payload.size", "16MiB"));

        assertThat(options.maxPayloadBytes()).isEqualTo(16L << 20);
        assertThat(options.producerConfig("test"))
                .containsEntry("max.request.size", (16 << 20) + KafkaOptions.RECORD_HEADROOM);
    }
}
