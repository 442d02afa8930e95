package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionValues;
import dev.millrace.message.ConnectionException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatsSettingsTest {

    @Test
    void passwordsTokensAndStorePasswordsAreSecret() {
        List<String> secret = new JetStreamAdapter().options().stream().filter(OptionSpec::secret)
                .map(OptionSpec::name).toList();

        assertThat(secret).containsExactlyInAnyOrder("password", "token", "tls-truststore-password",
                "tls-keystore-password");
    }

    @Test
    void serversDefaultToTheLocalServer() {
        assertThat(new NatsAdapter().options()).filteredOn(spec -> spec.name().equals("servers"))
                .singleElement().extracting(OptionSpec::defaultValue).isEqualTo("nats://localhost:4222");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> options = Map.of(
                "servers", "http://localhost:4222",
                "password", "secret",
                "credentials-file", "/no/such/file.creds");

        assertThatThrownBy(() -> new NatsAdapter().connect(options))
                .isInstanceOfSatisfying(ConnectionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS))
                .hasMessageContaining("unknown scheme 'http'")
                .hasMessageContaining("'password' needs 'user'")
                .hasMessageContaining("/no/such/file.creds");
    }

    @Test
    void aStreamNameTemplateWithoutTheTopicIsRejected() {
        assertThatThrownBy(() -> new JetStreamAdapter().connect(Map.of("stream-name", "EVENTS")))
                .isInstanceOf(ConnectionException.class).hasMessageContaining("{topic}");
    }

    @Test
    void aJetStreamDomainAndAnApiPrefixExcludeEachOther() {
        assertThatThrownBy(() -> new JetStreamAdapter().connect(Map.of(
                "jetstream-domain", "hub", "jetstream-api-prefix", "$JS.hub.API")))
                .isInstanceOfSatisfying(ConnectionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS))
                .hasMessageContaining("'jetstream-domain' and 'jetstream-api-prefix' exclude each other");
    }

    @Test
    void aJetStreamDomainMustBeOneSubjectToken() {
        assertThatThrownBy(() -> new JetStreamAdapter().connect(Map.of("jetstream-domain", "hub.east")))
                .isInstanceOfSatisfying(ConnectionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS))
                .hasMessageContaining("'jetstream-domain' must be one subject token");
    }

    @Test
    void anApiPrefixWithAWildcardIsRejected() {
        assertThatThrownBy(() -> new JetStreamAdapter().connect(Map.of("jetstream-api-prefix", "$JS.*.API")))
                .isInstanceOfSatisfying(ConnectionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS))
                .hasMessageContaining("'jetstream-api-prefix' must be a subject without wildcards");
    }

    @Test
    void theCoreNatsAdapterHasNoJetStreamApiOptions() {
        assertThat(new NatsAdapter().options()).extracting(OptionSpec::name)
                .doesNotContain("jetstream-domain", "jetstream-api-prefix");
    }

    @Test
    void credentialsInAServerUrlAreMaskedInMessages() {
        assertThat(NatsSettings.redact("nats://alice:s3cret@example.com:4222"))
                .isEqualTo("nats://***@example.com:4222");
    }

    @Test
    void aFailedConnectNamesTheServerWithoutItsPassword() {
        assertThatThrownBy(() -> new NatsAdapter().connect(Map.of("servers", "nats://alice:s3cret@127.0.0.1:1")))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void streamNamesComeFromTheTemplate() {
        StreamSettings settings = StreamSettings.from(OptionValues.parse(
                new JetStreamAdapter().options(), Map.of("stream-name", "MR_{topic}")));

        assertThat(settings.streamName("orders.created")).isEqualTo("MR_orders_created");
    }
}
