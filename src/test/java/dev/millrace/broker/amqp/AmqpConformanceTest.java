package dev.millrace.broker.amqp;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.conformance.PubSubConformanceSuite;
import dev.millrace.testing.FreePorts;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The RabbitMQ adapter with its default topology against the pub/sub contract, on the test node, in a virtual host
 * of its own. The reconnect case restarts the node; the other test classes share it but run before or after.
 */
class AmqpConformanceTest extends PubSubConformanceSuite {
    private static String virtualHost;

    @BeforeAll
    static void createVirtualHost() {
        virtualHost = RabbitMqServer.shared().newVirtualHost("conformance");
    }

    @AfterAll
    static void deleteVirtualHost() {
        RabbitMqServer.shared().deleteVirtualHost(virtualHost);
    }

    @Override
    protected BrokerConnection connect() {
        return Brokers.require("amqp").connect(RabbitMqServer.shared().options(virtualHost));
    }

    @Override
    protected void restartBroker() {
        RabbitMqServer.shared().restart();
    }

    /** A name that never resolves (RFC 6761 reserves .invalid): on this machine unroutable addresses are refused. */
    @Override
    protected Map<String, String> unreachableAddressOptions() {
        return with(AmqpSettings.HOST, "millrace-no-such-host.invalid");
    }

    @Override
    protected Map<String, String> wrongPortOptions() {
        return with(AmqpSettings.PORT, String.valueOf(FreePorts.next()));
    }

    @Override
    protected Map<String, String> wrongCredentialsOptions() {
        return with(AmqpSettings.PASSWORD, "not-the-password");
    }

    private static Map<String, String> with(String option, String value) {
        Map<String, String> options = new HashMap<>(RabbitMqServer.shared().options(virtualHost));
        options.put(option, value);
        return options;
    }
}
