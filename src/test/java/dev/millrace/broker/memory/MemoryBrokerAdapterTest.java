package dev.millrace.broker.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.Feature;
import dev.millrace.broker.OptionSpec;
import dev.millrace.message.ConnectionException;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryBrokerAdapterTest {
    private final MemoryTestInstance instance = new MemoryTestInstance();
    private final BrokerAdapter adapter = Brokers.require("memory");

    @AfterEach
    void closeConnections() {
        instance.close();
    }

    @Test
    void isFoundThroughTheServiceLoaderAsMemory() {
        assertThat(adapter.id()).isEqualTo("memory");
        assertThat(adapter.displayName()).isNotBlank();
    }

    @Test
    void describesEachOptionWithItsDefault() {
        Map<String, String> defaults = adapter.options().stream()
                .collect(Collectors.toMap(OptionSpec::name, OptionSpec::defaultValue));

        assertThat(defaults).containsExactlyInAnyOrderEntriesOf(Map.of(
                "instance", "default",
                "persistent", "true",
                "max-messages", "1000000",
                "max-bytes", "512MiB",
                "max-payload", "64MiB"));
    }

    @Test
    void unknownOptionFailsNamingTheKnownOnes() {
        assertThatThrownBy(() -> instance.connect("instanse", "x"))
                .isInstanceOfSatisfying(ConnectionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS))
                .hasMessageContaining("unknown option 'instanse'")
                .hasMessageContaining("instance, persistent, max-messages, max-bytes, max-payload");
    }

    @Test
    void malformedValuesFailTogetherInOneError() {
        assertThatThrownBy(() -> instance.connect("persistent", "yes", "max-messages", "many", "max-bytes", "lots"))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("'persistent' must be true or false, got 'yes'")
                .hasMessageContaining("'max-messages' must be a whole number, got 'many'")
                .hasMessageContaining("'max-bytes': 'lots' is not a size");
    }

    @Test
    void boundsBelowOneFail() {
        assertThatThrownBy(() -> instance.connect("max-messages", "0", "max-bytes", "0"))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("'max-messages' must be between 1 and")
                .hasMessageContaining("'max-bytes' must be at least 1 byte");
    }

    @Test
    void payloadLimitAboveTheByteLimitFails() {
        assertThatThrownBy(() -> instance.connect("max-bytes", "1MiB", "max-payload", "2MiB"))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("'max-payload' (2097152 bytes) must not exceed 'max-bytes' (1048576 bytes)");
    }

    @Test
    void sizesTooLargeToCountFail() {
        assertThatThrownBy(() -> instance.connect("max-bytes", "99999999999999GiB"))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void persistentConnectionDeclaresHistoryButNotExactlyOnce() {
        assertThat(instance.connect().capabilities().features()).containsExactlyInAnyOrder(
                Feature.CONSUMER_GROUPS,
                Feature.GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER,
                Feature.PERSISTENT,
                Feature.NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES,
                Feature.SINGLE_INSTANCE,
                Feature.START_POSITIONS,
                Feature.PEEK,
                Feature.KEYS);
    }

    @Test
    void transientConnectionDeclaresNoHistory() {
        assertThat(instance.connect("persistent", "false").capabilities().features())
                .doesNotContain(Feature.PERSISTENT, Feature.NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES)
                .contains(Feature.CONSUMER_GROUPS, Feature.SINGLE_INSTANCE);
    }

    @Test
    void declaredPayloadLimitIsTheMaxPayloadOption() {
        assertThat(instance.connect("max-payload", "1MiB").capabilities().maxPayloadBytes()).isEqualTo(1 << 20);
    }

    @Test
    void adapterDeclaresTheCapabilitiesOfItsDefaultOptions() {
        assertThat(adapter.capabilities()).isEqualTo(instance.connect().capabilities());
        assertThat(adapter.capabilities().maxPayloadBytes()).isEqualTo(64L << 20);
    }
}
