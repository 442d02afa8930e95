package dev.millrace.conformance;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import java.util.Map;
import java.util.UUID;

/** The in-memory broker with its default options (persistent) against the pub/sub contract. */
class MemoryBrokerConformanceTest extends PubSubConformanceSuite {
    /** A fresh instance per test: JUnit makes a new test object for every test method. */
    private final String instance = "conformance-" + UUID.randomUUID();

    @Override
    protected BrokerConnection connect() {
        return Brokers.require("memory").connect(Map.of("instance", instance));
    }
}
