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
 * <p>What it declares, and why:
 * <ul>
 *   <li>{@code CONSUMER_GROUPS}: subscriptions naming one group share its messages; every group gets every one.</li>
 *   <li>{@code GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER}, not {@code GUARANTEED_ORDER}: one log per topic gives a
 *       single subscriber publish order, nacked messages included (they come back ahead of newer ones), but
 *       members of one group process their shares side by side, so a key has no order across them.</li>
 *   <li>{@code PERSISTENT} and {@code NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES} only with {@code persistent=true}:
 *       without it, messages nobody needs any more, or that no group existed for, are gone.</li>
 *   <li>{@code SINGLE_INSTANCE}: publisher and subscribers meet only inside one JVM, through the instance name.</li>
 *   <li>{@code START_POSITIONS}, {@code PEEK} and {@code KEYS}: the log is addressable by sequence and time,
 *       readable without a group, and keeps each message's key.</li>
 *   <li>Not {@code EXACTLY_ONCE}: it never loses an ack and never redelivers an acked message, but a message whose
 *       subscription closes before it is settled goes back to its group, so a handler that processed it without
 *       acking yet sees it again. That is at-least-once, the contract of the core.</li>
 * </ul>
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
