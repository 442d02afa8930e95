package dev.millrace.compare;

import dev.millrace.broker.Capabilities;
import dev.millrace.broker.Feature;
import java.util.EnumSet;
import java.util.Set;

/**
 * The capabilities a broker's column was compared with.
 *
 * @param fromConnection true when they are the connection's (which options may narrow), false when the broker
 *                       could not be reached and they are the adapter's defaults
 */
public record BrokerFeatures(Set<Feature> features, long maxPayloadBytes, boolean fromConnection) {

    public static final BrokerFeatures UNKNOWN = new BrokerFeatures(Set.of(), 0, false);

    public BrokerFeatures {
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
    }

    static BrokerFeatures of(Capabilities capabilities, boolean fromConnection) {
        return new BrokerFeatures(capabilities.features(), capabilities.maxPayloadBytes(), fromConnection);
    }

    /** False for a broker whose adapter does not exist, so that nothing is known about it. */
    public boolean known() {
        return maxPayloadBytes > 0;
    }

    public boolean has(Feature feature) {
        return features.contains(feature);
    }
}
