package dev.millrace.broker;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The adapters on the class path, found through {@link ServiceLoader}. */
public final class Brokers {

    private Brokers() {
    }

    public static List<BrokerAdapter> all() {
        return ServiceLoader.load(BrokerAdapter.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(BrokerAdapter::id))
                .toList();
    }

    public static Optional<BrokerAdapter> find(String id) {
        return all().stream().filter(adapter -> adapter.id().equals(id)).findFirst();
    }

    /** The adapter with this id, or an exception listing the ids that exist. */
    public static BrokerAdapter require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no broker adapter '" + id + "'; available: "
                + all().stream().map(BrokerAdapter::id).collect(Collectors.joining(", "))));
    }
}
