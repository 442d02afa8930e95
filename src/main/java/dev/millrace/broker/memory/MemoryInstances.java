package dev.millrace.broker.memory;

import dev.millrace.message.ConnectionException;
import java.util.HashMap;
import java.util.Map;

/**
 * The memory brokers of this JVM by instance name. An instance exists while at least one connection uses it and is
 * discarded, with all its messages, when the last one closes; that is how tests and the app keep apart.
 */
final class MemoryInstances {
    private static final Map<String, Counted> OPEN = new HashMap<>();

    private MemoryInstances() {
    }

    /** The instance named in {@code settings}, opened with them if it is new. */
    static synchronized MemoryBroker acquire(MemorySettings settings) {
        Counted counted = OPEN.get(settings.instance());
        if (counted == null) {
            counted = new Counted(new MemoryBroker(settings));
            OPEN.put(settings.instance(), counted);
        } else if (!counted.broker.settings().compatibleWith(settings)) {
            throw new ConnectionException(ConnectionException.Reason.INVALID_OPTIONS, "memory instance '"
                    + settings.instance() + "' is already open with " + counted.broker.settings().describeLimits()
                    + "; connect with the same settings or name another instance");
        }
        counted.connections++;
        return counted.broker;
    }

    static synchronized void release(MemoryBroker broker) {
        Counted counted = OPEN.get(broker.name());
        if (counted != null && counted.broker == broker && --counted.connections == 0) {
            OPEN.remove(broker.name());
        }
    }

    private static final class Counted {
        private final MemoryBroker broker;
        private int connections;

        private Counted(MemoryBroker broker) {
            this.broker = broker;
        }
    }
}
