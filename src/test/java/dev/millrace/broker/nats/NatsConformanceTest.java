package dev.millrace.broker.nats;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.conformance.PubSubConformanceSuite;
import dev.millrace.testing.FreePorts;
import java.util.Map;

/** Core NATS against the pub/sub contract, on a real nats-server started by the test. */
class NatsConformanceTest extends PubSubConformanceSuite {

    @Override
    protected BrokerConnection connect() {
        NatsServer server = NatsServer.shared();
        return Brokers.require("nats").connect(Map.of("servers", server.url(),
                "monitoring-url", server.monitoringUrl()));
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
