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
        // TEST-NET-1 (RFC 5737): reserved for documentation, never routed.
        return Map.of("servers", "nats://192.0.2.1:4222", "connect-timeout", "2s");
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
