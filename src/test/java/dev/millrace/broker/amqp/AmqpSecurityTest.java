package dev.millrace.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.ConnectionException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Users, passwords, virtual hosts and TLS against the test node. */
class AmqpSecurityTest {
    private static final String USER = "millrace-app";
    private static final String PASSWORD = "app-secret-9";
    private static RabbitMqServer server;
    private static String virtualHost;
    private static String otherVirtualHost;

    @BeforeAll
    static void createUsersAndVirtualHosts() {
        server = RabbitMqServer.shared();
        virtualHost = server.newVirtualHost("security");
        otherVirtualHost = server.newVirtualHost("security-other");
        server.createUser(USER, PASSWORD, virtualHost);
        server.createCertificateUser(TlsMaterial.CLIENT_NAME, virtualHost);
    }

    @AfterAll
    static void deleteVirtualHosts() {
        server.deleteVirtualHost(virtualHost);
        server.deleteVirtualHost(otherVirtualHost);
    }

    @Test
    void userCreatedOnTheBrokerPublishesAndReceivesInItsVirtualHost() throws InterruptedException {
        try (BrokerConnection connection = new AmqpBrokerAdapter().connect(asUser(PASSWORD, virtualHost))) {
            RoundTrip.assertMessageGoesThrough(connection);
        }
    }

    @Test
    void wrongPasswordFailsFastAsAuthenticationWithoutShowingThePassword() {
        long start = System.nanoTime();
        ConnectionException failure = catchThrowableOfType(ConnectionException.class,
                () -> new AmqpBrokerAdapter().connect(asUser("guessed-wrong", virtualHost)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.AUTHENTICATION);
        assertThat(failure.getMessage()).contains(USER).doesNotContain("guessed-wrong");
    }

    @Test
    void userWithoutPermissionsOnTheVirtualHostIsRefused() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class,
                () -> new AmqpBrokerAdapter().connect(asUser(PASSWORD, otherVirtualHost)));

        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.AUTHENTICATION);
        assertThat(failure.getMessage()).contains(otherVirtualHost);
    }

    @Test
    void unknownVirtualHostIsRefused() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class,
                () -> new AmqpBrokerAdapter().connect(asUser(PASSWORD, "no-such-vhost")));

        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.AUTHENTICATION);
        assertThat(failure.getMessage()).contains("virtual host");
    }

    @Test
    void tlsConnectionTrustingTheBrokersCertificateWorks() throws InterruptedException {
        try (BrokerConnection connection = new AmqpBrokerAdapter().connect(overTls(TlsMaterial.BROKER_HOST))) {
            RoundTrip.assertMessageGoesThrough(connection);
        }
    }

    @Test
    void tlsRefusesACertificateThatDoesNotNameTheHost() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class,
                () -> new AmqpBrokerAdapter().connect(overTls("127.0.0.1")));

        assertThat(failure.getMessage()).contains("TLS");
    }

    @Test
    void tlsHostnameVerificationCanBeTurnedOff() throws InterruptedException {
        Map<String, String> options = overTls("127.0.0.1");
        options.put(AmqpSettings.TLS_VERIFY_HOSTNAME, "false");

        try (BrokerConnection connection = new AmqpBrokerAdapter().connect(options)) {
            RoundTrip.assertMessageGoesThrough(connection);
        }
    }

    @Test
    void tlsWithoutTrustingTheBrokersCertificateFails() {
        Map<String, String> options = overTls(TlsMaterial.BROKER_HOST);
        options.remove(AmqpSettings.TLS_TRUSTSTORE);
        options.remove(AmqpSettings.TLS_TRUSTSTORE_PASSWORD);

        ConnectionException failure = catchThrowableOfType(ConnectionException.class,
                () -> new AmqpBrokerAdapter().connect(options));

        assertThat(failure.getMessage()).contains("TLS", "truststore");
    }

    @Test
    void clientCertificateLogsInWithExternalAuthentication() throws InterruptedException {
        Map<String, String> options = overTls(TlsMaterial.BROKER_HOST);
        options.remove(AmqpSettings.USERNAME);
        options.remove(AmqpSettings.PASSWORD);
        options.put(AmqpSettings.SASL_MECHANISM, "EXTERNAL");
        options.put(AmqpSettings.TLS_KEYSTORE, server.tls().clientKeystore().toString());
        options.put(AmqpSettings.TLS_KEYSTORE_PASSWORD, TlsMaterial.PASSWORD);

        try (BrokerConnection connection = new AmqpBrokerAdapter().connect(options)) {
            RoundTrip.assertMessageGoesThrough(connection);
        }
    }

    @Test
    void unreadableTruststoreIsAnInvalidOption() {
        Map<String, String> options = overTls(TlsMaterial.BROKER_HOST);
        options.put(AmqpSettings.TLS_TRUSTSTORE, "/nonexistent/truststore.p12");

        ConnectionException failure = catchThrowableOfType(ConnectionException.class,
                () -> new AmqpBrokerAdapter().connect(options));

        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS);
        assertThat(failure.getMessage()).contains("/nonexistent/truststore.p12");
    }

    private static Map<String, String> asUser(String password, String vhost) {
        Map<String, String> options = new HashMap<>(server.options(vhost));
        options.put(AmqpSettings.USERNAME, USER);
        options.put(AmqpSettings.PASSWORD, password);
        return options;
    }

    private static Map<String, String> overTls(String host) {
        Map<String, String> options = asUser(PASSWORD, virtualHost);
        options.put(AmqpSettings.HOST, host);
        options.put(AmqpSettings.PORT, String.valueOf(server.tlsPort()));
        options.put(AmqpSettings.TLS, "true");
        options.put(AmqpSettings.TLS_TRUSTSTORE, server.tls().clientTruststore().toString());
        options.put(AmqpSettings.TLS_TRUSTSTORE_PASSWORD, TlsMaterial.PASSWORD);
        return options;
    }
}
