package dev.millrace.broker.nats;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.conformance.PubSubConformanceSuite;
import dev.millrace.testing.FreePorts;
import java.util.Map;

/** JetStream against the pub/sub contract, on a real nats-server started by the test. */
class JetStreamConformanceTest extends PubSubConformanceSuite {

    /**
     * Reconnect attempts every 250 ms rather than every 2 s, so that the reconnect case does not spend its time
     * waiting; no limit, so that a slow restart on a loaded machine does not end the connection.
     */
    @Override
    protected BrokerConnection connect() {
        return Brokers.require("jetstream").connect(Map.of("servers", NatsServer.shared().url(),
                "reconnect-wait", "250ms", "max-reconnects", "-1"));
    }

    @Override
    protected void restartBroker() {
        NatsServer.shared().restart();
    }

    @Override
    protected Map<String, String> unreachableAddressOptions() {
        // The .invalid top-level domain never resolves (RFC 2606), on every machine; a non-routed IP address is
        // rejected at once by some networks and silently dropped by others.
        return Map.of("servers", "nats://nats.millrace.invalid:4222");
    }

    @Override
    protected Map<String, String> wrongPortOptions() {
        return Map.of("servers", "nats://127.0.0.1:" + FreePorts.next());
    }

    @Override
    protected Map<String, String> wrongCredentialsOptions() {
        return Map.of("servers", NatsServer.secured().url(), "user", NatsServer.USER, "password", "wrong");
    }
}
