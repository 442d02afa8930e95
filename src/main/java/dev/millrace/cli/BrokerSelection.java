package dev.millrace.cli;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --broker} and {@code -o name=value} options shared by every command that talks to a broker. */
final class BrokerSelection {
    /** Environment variable that picks the broker when {@code --broker} is not given, as in the talk. */
    static final String BROKER_VARIABLE = "MILLRACE_PUBSUB";

    @Option(names = {"-b", "--broker"}, paramLabel = "ID",
            description = "Broker adapter id (see 'millrace brokers'). Default: $" + BROKER_VARIABLE + ", else memory.")
    private String broker;

    @Option(names = {"-o", "--option"}, paramLabel = "NAME=VALUE",
            description = "A connection option of the broker adapter; repeat for several.")
    private Map<String, String> options = new LinkedHashMap<>();

    BrokerAdapter adapter() {
        String id = broker;
        if (id == null || id.isBlank()) {
            id = System.getenv(BROKER_VARIABLE);
        }
        return Brokers.require(id == null || id.isBlank() ? "memory" : id.trim());
    }

    Map<String, String> options() {
        return options;
    }

    BrokerConnection connect() {
        return adapter().connect(options);
    }
}
