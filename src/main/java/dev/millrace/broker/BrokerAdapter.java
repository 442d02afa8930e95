package dev.millrace.broker;

import java.util.List;
import java.util.Map;

/**
 * A broker plug-in, discovered through {@link java.util.ServiceLoader} (see {@link Brokers}). It describes itself
 * (id, options, capabilities) and opens connections. Nothing outside the adapter's package names its classes.
 */
public interface BrokerAdapter {

    /** Short, stable id used in settings and on the command line: {@code memory}, {@code kafka}, ... */
    String id();

    /** Name shown to people. */
    String displayName();

    List<OptionSpec> options();

    Capabilities capabilities();

    /**
     * Opens a connection. Fails within a bounded time with a {@link dev.millrace.message.ConnectionException}
     * saying whether the options, the address, the port or the credentials were wrong.
     */
    BrokerConnection connect(Map<String, String> options);
}
