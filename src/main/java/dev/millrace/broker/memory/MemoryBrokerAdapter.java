package dev.millrace.broker.memory;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.OptionSpec;
import java.util.List;
import java.util.Map;

/**
 * The embedded broker: topics live in this JVM, in a named instance shared by the connections that name it. It is
 * the app's default when no other broker is installed and the broker the core's tests run on.
 *
 * <p>It does not declare {@code EXACTLY_ONCE}: it never loses an ack and never redelivers an acked message, but a
 * message whose subscription closes before it is settled goes back to its group, so a handler that had processed
 * it without acking yet sees it again. That is at-least-once, the contract of the core.
 */
public final class MemoryBrokerAdapter implements BrokerAdapter {
    static final String ID = "memory";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "In-memory broker";
    }

    @Override
    public List<OptionSpec> options() {
        return MemorySettings.OPTIONS;
    }

    /** The capabilities with default options; a connection reports its own (they depend on {@code persistent}). */
    @Override
    public Capabilities capabilities() {
        return MemorySettings.DEFAULTS.capabilities();
    }

    @Override
    public BrokerConnection connect(Map<String, String> options) {
        MemorySettings settings = MemorySettings.parse(options);
        return new MemoryConnection(this, MemoryInstances.acquire(settings));
    }
}
