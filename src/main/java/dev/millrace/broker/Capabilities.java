package dev.millrace.broker;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an adapter declares about its broker.
 *
 * @param features        guarantees and offerings
 * @param maxPayloadBytes the largest payload the broker accepts with the adapter's default options
 */
public record Capabilities(Set<Feature> features, long maxPayloadBytes) {

    public Capabilities {
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive");
        }
    }

    public boolean has(Feature feature) {
        return features.contains(feature);
    }
}
