package dev.millrace.app.connection;

import dev.millrace.message.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A saved way to connect: a name, the adapter and its option values. Secret option values are held here in memory
 * only; the profile store keeps them out of the database.
 *
 * @param id             stable id
 * @param name           what people call it ("In-memory", "Kafka staging")
 * @param adapterId      the broker adapter's id
 * @param options        raw option values by option name (only those that were set)
 * @param connectOnStart connect when the workbench starts
 */
public record ConnectionProfile(String id, String name, String adapterId, Map<String, String> options,
                                boolean connectOnStart) {

    public ConnectionProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(adapterId, "adapterId");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static ConnectionProfile create(String name, String adapterId, Map<String, String> options,
                                           boolean connectOnStart) {
        return new ConnectionProfile(Message.newId(), name, adapterId, options, connectOnStart);
    }

    /** A copy under a new id and name, for "Duplicate". */
    public ConnectionProfile duplicate(String newName) {
        return new ConnectionProfile(Message.newId(), newName, adapterId, options, false);
    }

    @Override
    public String toString() {
        // Never print option values: some are secrets.
        return "ConnectionProfile[" + name + " (" + adapterId + "), options=" + options.keySet() + "]";
    }
}
