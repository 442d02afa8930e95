package dev.millrace.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.Feature;
import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.RawClientBaseline;
import dev.millrace.message.ConnectionException;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Options, defaults and declared features of the RabbitMQ adapter; no broker needed. */
class AmqpSettingsTest {

    @Test
    void adapterIsFoundByItsIdWithItsBaseline() {
        BrokerAdapter adapter = Brokers.require("amqp");

        assertThat(adapter).isInstanceOf(AmqpBrokerAdapter.class);
        assertThat(ServiceLoader.load(RawClientBaseline.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(baseline -> assertThat(baseline.adapterId()).isEqualTo("amqp"));
    }

    @Test
    void passwordsAreSecretOptions() {
        assertThat(new AmqpBrokerAdapter().options()).filteredOn(OptionSpec::secret).extracting(OptionSpec::name)
                .containsExactlyInAnyOrder("password", "tls-truststore-password", "tls-keystore-password",
                        "management-password");
    }

    @Test
    void defaultsReachTheLocalBrokerAsGuestWithWatermillsPubSubTopology() {
        AmqpSettings settings = AmqpSettings.parse(Map.of());

        assertThat(settings.address()).isEqualTo("localhost:5672 (vhost '/')");
        assertThat(settings.username()).isEqualTo("guest");
        assertThat(settings.topology().exchange("orders")).isEqualTo("orders");
        assertThat(settings.topology().exchangeType()).isEqualTo(Topology.ExchangeType.TOPIC);
        assertThat(settings.topology().groupQueue("orders", "billing")).isEqualTo("orders_billing");
        assertThat(settings.topology().bindingKey("orders")).isEqualTo("#");
        assertThat(settings.topology().routingKey("orders", "customer-7")).isEqualTo("customer-7");
        assertThat(settings.management().url()).hasToString("http://localhost:15672/");
        assertThat(settings.maxMessageSize()).isEqualTo(128L << 20);
    }

    @Test
    void tlsMovesTheDefaultPortTo5671() {
        assertThat(AmqpSettings.parse(Map.of("tls", "true")).port()).isEqualTo(5671);
        assertThat(AmqpSettings.parse(Map.of("tls", "true", "port", "6000")).port()).isEqualTo(6000);
    }

    @Test
    void managementCredentialsDefaultToTheAmqpOnes() {
        AmqpSettings settings = AmqpSettings.parse(Map.of("username", "app", "password", "s3cret"));

        assertThat(settings.management().username()).isEqualTo("app");
        assertThat(settings.management().password().value()).isEqualTo("s3cret");
    }

    @Test
    void printedSettingsMaskEveryPassword() {
        AmqpSettings settings = AmqpSettings.parse(Map.of("password", "amqp-pw", "management-password", "mgmt-pw",
                "tls", "true", "tls-truststore-password", "trust-pw", "tls-keystore-password", "key-pw"));

        assertThat(settings.toString()).doesNotContain("amqp-pw", "mgmt-pw", "trust-pw", "key-pw").contains("****");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class, () -> AmqpSettings.parse(Map.of(
                "port", "70000", "prefetch", "0", "queue-name", "{topic}", "tls-keystore", "/tmp/client.p12",
                "queue-type", "quorum", "auto-delete", "true")));

        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS);
        assertThat(failure.getMessage()).contains("'port'", "'prefetch'", "'queue-name'", "tls=true", "quorum");
    }

    @Test
    void aSharedFanoutExchangeIsRefusedBecauseItWouldMixTopics() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class,
                () -> AmqpSettings.parse(Map.of("exchange-name", "events", "exchange-type", "fanout")));

        assertThat(failure.getMessage()).contains("fanout");
    }

    @Test
    void unknownPlaceholdersAreRefused() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class,
                () -> AmqpSettings.parse(Map.of("routing-key", "{tenant}.{key}")));

        assertThat(failure.getMessage()).contains("'routing-key'", "{tenant}");
    }

    @Test
    void defaultTopologyDeclaresGroupsPersistenceRestartsKeysAndSingleSubscriberOrder() {
        assertThat(new AmqpBrokerAdapter().capabilities().features()).containsExactlyInAnyOrder(
                Feature.CONSUMER_GROUPS, Feature.GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER, Feature.PERSISTENT,
                Feature.RESTARTABLE, Feature.NETWORK, Feature.AUTHENTICATION, Feature.KEYS, Feature.PEEK);
        assertThat(new AmqpBrokerAdapter().capabilities().maxPayloadBytes()).isEqualTo(128L << 20);
    }

    @Test
    void autoDeletedGroupQueuesAreNotPersistent() {
        assertThat(AmqpSettings.parse(Map.of("auto-delete", "true")).capabilities().has(Feature.PERSISTENT)).isFalse();
    }

    @Test
    void transientMessagesOrQueuesDoNotSurviveRestarts() {
        assertThat(AmqpSettings.parse(Map.of("persistent", "false")).capabilities().has(Feature.RESTARTABLE))
                .isFalse();
        assertThat(AmqpSettings.parse(Map.of("durable", "false")).capabilities().has(Feature.RESTARTABLE)).isFalse();
    }

    @Test
    void oneSharedTopicExchangeWithTheTopicInTheKeysOffersWildcards() {
        AmqpSettings settings = AmqpSettings.parse(Map.of("exchange-name", "events", "routing-key", "{topic}",
                "binding-key", "{topic}"));

        assertThat(settings.capabilities().has(Feature.WILDCARDS)).isTrue();
        assertThat(settings.capabilities().has(Feature.KEYS)).isFalse();
        assertThat(settings.topology().exchange("orders.created")).isEqualTo("events");
        assertThat(settings.topology().bindingKey("orders.*")).isEqualTo("orders.*");
    }

    @Test
    void aLargerMaxMessageSizeIsDeclaredAsThePayloadLimit() {
        assertThat(AmqpSettings.parse(Map.of("max-message-size", "256MiB")).capabilities().maxPayloadBytes())
                .isEqualTo(256L << 20);
    }

    @Test
    void maxMessageSizeBeyondRabbitMqsCeilingIsRefused() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class,
                () -> AmqpSettings.parse(Map.of("max-message-size", "1GiB")));

        assertThat(failure.getMessage()).contains("512 MiB");
    }
}
