package dev.millrace.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One broker's column of a comparison.
 *
 * @param label       the target's label
 * @param adapterId   the adapter's id
 * @param displayName the adapter's name for people, or the id when there is no such adapter
 * @param options     the connection options, secret ones masked
 * @param features    the capabilities the column shows
 * @param notes       what a reader must know to read the numbers (not like for like, settings adapted, ...)
 * @param outcome     how the run ended, with the metrics if it ran
 */
public record BrokerResult(String label, String adapterId, String displayName, Map<String, String> options,
                           BrokerFeatures features, List<String> notes, RunOutcome outcome) {

    public BrokerResult {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        notes = List.copyOf(notes);
    }

    /** The metrics, when the workload ran on this broker. */
    public Optional<Metrics> metrics() {
        return outcome instanceof RunOutcome.Measured measured
                ? Optional.of(measured.metrics()) : Optional.empty();
    }
}
