package dev.millrace.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named way to connect: an adapter id and its options, secrets included. {@link #toString()} names the options
 * but never prints a value, so a profile can be logged without leaking a password.
 *
 * @param name      unique name, chosen by the user
 * @param adapterId id of the broker adapter
 * @param options        option values by name, in the order given
 * @param connectOnStart whether the workbench connects this profile when it starts
 */
public record ConnectionProfile(String name, String adapterId, Map<String, String> options, boolean connectOnStart) {

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(adapterId, "adapterId");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A profile that is not connected at start-up. */
    public ConnectionProfile(String name, String adapterId, Map<String, String> options) {
        this(name, adapterId, options, false);
    }

    /** An unnamed profile for a connection made on the spot (command line, quick connect). */
    public static ConnectionProfile adHoc(String adapterId, Map<String, String> options) {
        return new ConnectionProfile("", adapterId, options);
    }

    /** True for a profile made by {@link #adHoc}. */
    public boolean isAdHoc() {
        return name.isEmpty();
    }

    @Override
    public String toString() {
        return "ConnectionProfile[name=" + name + ", adapter=" + adapterId + ", options=" + options.keySet()
                + ", connectOnStart=" + connectOnStart + "]";
    }
}
