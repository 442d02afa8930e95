package dev.millrace.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.ConnectionException;
import dev.millrace.message.Message;
import dev.millrace.message.Subscription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Connecting to the SASL, TLS and mutual TLS listeners of the test broker, with good and bad credentials and
 * certificates.
 */
class KafkaSecurityTest {
    private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();
    private static final BrokerAdapter KAFKA = Brokers.require("kafka");

    @Test
    void saslPlainCredentialsConnectAndCarryMessages() throws InterruptedException {
        assertMessagesFlow(sasl("PLAIN", KafkaTestBroker.PLAIN_USER, KafkaTestBroker.PLAIN_PASSWORD));
    }

    @Test
    void scramSha256CredentialsConnectAndCarryMessages() throws InterruptedException {
        assertMessagesFlow(sasl("SCRAM-SHA-256", KafkaTestBroker.SCRAM_USER, KafkaTestBroker.SCRAM_PASSWORD));
    }

    @Test
    void scramSha512CredentialsConnect() {
        KAFKA.connect(sasl("SCRAM-SHA-512", KafkaTestBroker.SCRAM_USER, KafkaTestBroker.SCRAM_PASSWORD)).close();
    }

    @Test
    void aWrongPasswordFailsWithinTenSecondsAsAnAuthenticationProblem() {
        long start = System.nanoTime();
        ConnectionException failure = catchThrowableOfType(ConnectionException.class, () -> KAFKA.connect(
                sasl("SCRAM-SHA-256", KafkaTestBroker.SCRAM_USER, "wrong-password")));

        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.AUTHENTICATION);
        assertThat(failure).hasMessageContaining(KafkaTestBroker.SCRAM_USER).hasMessageNotContaining("wrong-password");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aPlaintextClientOnASaslListenerTimesOutNamingTheProtocol() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class, () -> KAFKA.connect(Map.of(
                "bootstrap.servers", BROKER.saslBootstrapServers(), "connect.timeout", "1s")));

        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.TIMEOUT);
        assertThat(failure).hasMessageContaining("security.protocol PLAINTEXT");
    }

    @Test
    void tlsWithTheBrokersCertificateTrustedConnectsAndCarriesMessages() throws InterruptedException {
        assertMessagesFlow(Map.of("bootstrap.servers", BROKER.sslBootstrapServers(), "security.protocol", "SSL",
                "ssl.truststore.location", BROKER.trustedCertificate().toString(), "ssl.truststore.type", "PEM"));
    }

    @Test
    void tlsToABrokerWhoseCertificateIsNotTrustedFailsAsAnAuthenticationProblem() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class, () -> KAFKA.connect(Map.of(
                "bootstrap.servers", BROKER.sslBootstrapServers(), "security.protocol", "SSL")));

        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.AUTHENTICATION);
        assertThat(failure).hasMessageContaining("TLS handshake");
    }

    @Test
    void mutualTlsWithATrustedClientCertificateConnectsAndCarriesMessages() throws InterruptedException {
        assertMessagesFlow(mutualTls(BROKER.clientKeyStore()));
    }

    @Test
    void mutualTlsWithoutAClientCertificateFailsWithinTenSecondsAsATlsAuthenticationProblem() {
        Map<String, String> options = new HashMap<>(mutualTls(BROKER.clientKeyStore()));
        options.keySet().removeIf(name -> name.startsWith("ssl.keystore.") || name.equals("ssl.key.password"));

        assertTlsClientAuthenticationFails(options, "set ssl.keystore.location");
    }

    @Test
    void mutualTlsWithAClientCertificateTheBrokerDoesNotTrustFailsAsATlsAuthenticationProblem() {
        assertTlsClientAuthenticationFails(mutualTls(BROKER.brokerKeyStore()),
                "accepts no certificate in ssl.keystore.location " + BROKER.brokerKeyStore());
    }

    private static void assertTlsClientAuthenticationFails(Map<String, String> options, String hint) {
        long start = System.nanoTime();
        ConnectionException failure = catchThrowableOfType(ConnectionException.class, () -> KAFKA.connect(options));

        assertThat(failure).isNotNull();
        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.AUTHENTICATION);
        assertThat(failure).hasMessageContaining("TLS handshake").hasMessageContaining("certificate_required")
                .hasMessageContaining(hint).hasMessageNotContaining(KafkaTestBroker.KEY_STORE_PASSWORD);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    /** Options for the listener that requires a client certificate, presenting the one in {@code keyStore}. */
    private static Map<String, String> mutualTls(Path keyStore) {
        return Map.of("bootstrap.servers", BROKER.mutualTlsBootstrapServers(), "security.protocol", "SSL",
                "ssl.truststore.location", BROKER.trustedCertificate().toString(), "ssl.truststore.type", "PEM",
                "ssl.keystore.location", keyStore.toString(), "ssl.keystore.type", "PKCS12",
                "ssl.keystore.password", KafkaTestBroker.KEY_STORE_PASSWORD,
                "ssl.key.password", KafkaTestBroker.KEY_STORE_PASSWORD);
    }

    private static Map<String, String> sasl(String mechanism, String user, String password) {
        return Map.of("bootstrap.servers", BROKER.saslBootstrapServers(), "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", mechanism, "sasl.username", user, "sasl.password", password);
    }

    private static void assertMessagesFlow(Map<String, String> options) throws InterruptedException {
        String topic = "secure-" + UUID.randomUUID();
        try (BrokerConnection connection = KAFKA.connect(options)) {
            Message sent = Message.of(new byte[] {1, 2, 3});
            connection.newPublisher().publish(topic, sent);
            Subscription subscription = connection.newSubscriber().subscribe(topic);

            Message received = subscription.receive(Duration.ofSeconds(15));

            assertThat(received).isNotNull();
            assertThat(received.id()).isEqualTo(sent.id());
            received.ack();
        }
    }
}
