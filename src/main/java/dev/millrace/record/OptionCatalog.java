package dev.millrace.record;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.OptionSpec;
import java.util.List;

/**
 * The option descriptions of broker adapters, which say which options are secret. Options of an unknown adapter,
 * and options its description does not list, count as secret: when in doubt, a value stays out of the database.
 */
@FunctionalInterface
public interface OptionCatalog {

    /** The options adapter {@code adapterId} declares, or an empty list when the adapter is unknown. */
    List<OptionSpec> optionsOf(String adapterId);

    /** The adapters on the class path (see {@link Brokers}). */
    static OptionCatalog installedAdapters() {
        return adapterId -> Brokers.find(adapterId).map(BrokerAdapter::options).orElse(List.of());
    }

    /** Whether option {@code name} of adapter {@code adapterId} must be kept out of the database and exports. */
    default boolean isSecret(String adapterId, String name) {
        return optionsOf(adapterId).stream()
                .filter(spec -> spec.name().equals(name))
                .findFirst()
                .map(OptionSpec::secret)
                .orElse(true);
    }
}
