package dev.millrace.conformance;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import java.util.Map;
import java.util.UUID;

/**
 * The in-memory broker with {@code persistent=false}: no PERSISTENT, no replay for new subscribers, so the suite
 * runs its subscribe-first paths, the ones brokers without retention take.
 */
class TransientMemoryBrokerConformanceTest extends PubSubConformanceSuite {
    private final String instance = "conformance-transient-" + UUID.randomUUID();

    @Override
    protected BrokerConnection connect() {
        return Brokers.require("memory").connect(Map.of("instance", instance, "persistent", "false"));
    }
}
