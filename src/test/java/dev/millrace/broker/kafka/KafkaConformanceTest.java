package dev.millrace.broker.kafka;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.Feature;
import dev.millrace.conformance.PubSubConformanceSuite;
import dev.millrace.message.Publisher;
import dev.millrace.message.Subscriber;
import dev.millrace.testing.FreePorts;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Kafka against the pub/sub contract, on the in-process test broker. Topics get four partitions, so that parallel
 * streams, per-key order across group members and rebalances are exercised, and a 16 MiB payload limit, so that the
 * 16 MiB fidelity case runs.
 */
class KafkaConformanceTest extends PubSubConformanceSuite {
    private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();

    @Override
    protected BrokerConnection connect() {
        Map<String, String> options = new HashMap<>(BROKER.options());
        options.put("topic.partitions", "4");
        options.put("max.payload.size", "16MiB");
        return new RestartableConnection(Brokers.require("kafka").connect(options));
    }

    @Override
    protected void restartBroker() {
        BROKER.restart();
    }

    /** A host name under the reserved {@code .invalid} domain never resolves, on any network. */
    @Override
    protected Map<String, String> unreachableAddressOptions() {
        return Map.of("bootstrap.servers", "kafka.millrace.invalid:9092");
    }

    @Override
    protected Map<String, String> wrongPortOptions() {
        return Map.of("bootstrap.servers", "127.0.0.1:" + FreePorts.next());
    }

    @Override
    protected Map<String, String> wrongCredentialsOptions() {
        return Map.of(
                "bootstrap.servers", BROKER.saslBootstrapServers(),
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.username", KafkaTestBroker.PLAIN_USER,
                "sasl.password", "not-" + KafkaTestBroker.PLAIN_PASSWORD);
    }

    /**
     * The adapter's connection, declaring {@code RESTARTABLE} as well: that flag is about this test harness, which
     * can restart the broker, not about the adapter.
     */
    private record RestartableConnection(BrokerConnection connection) implements BrokerConnection {

        @Override
        public BrokerAdapter adapter() {
            return connection.adapter();
        }

        @Override
        public Capabilities capabilities() {
            Capabilities declared = connection.capabilities();
            EnumSet<Feature> features = EnumSet.copyOf(declared.features());
            features.add(Feature.RESTARTABLE);
            return new Capabilities(features, declared.maxPayloadBytes());
        }

        @Override
        public Publisher newPublisher() {
            return connection.newPublisher();
        }

        @Override
        public Subscriber newSubscriber() {
            return connection.newSubscriber();
        }

        @Override
        public BrokerAdmin admin() {
            return connection.admin();
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
