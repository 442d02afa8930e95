package dev.millrace.compare;

import dev.millrace.broker.Feature;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The qualitative side of a comparison: what each broker guarantees and offers, row by row, derived from the
 * {@link Feature}s its connection (or, when it could not be reached, its adapter) declares. Nothing here is typed
 * in per broker: a new adapter gets its column from its own declaration.
 *
 * @param brokers the column labels, in the comparison's order
 * @param rows    one row per aspect
 * @param declaredOnly for each column, true when the broker was not reached and its adapter's defaults are shown
 */
public record FeatureTable(List<String> brokers, List<Row> rows, List<Boolean> declaredOnly) {

    public FeatureTable {
        brokers = List.copyOf(brokers);
        rows = List.copyOf(rows);
        declaredOnly = List.copyOf(declaredOnly);
    }

    /** One aspect across the brokers. */
    public record Row(String aspect, List<String> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** The aspects compared, each read off a broker's features. */
    private enum Aspect {
        ORDERING("Ordering", features -> features.has(Feature.GUARANTEED_ORDER) ? "per key / partition"
                : features.has(Feature.GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER) ? "with a single subscriber"
                : "not guaranteed"),
        PERSISTENCE("Persistence", features -> features.has(Feature.PERSISTENT)
                ? "yes: unacked messages come back" : "no"),
        CONSUMER_GROUPS("Consumer groups", features -> yesNo(features, Feature.CONSUMER_GROUPS)),
        KEYS("Routing / keys", features -> features.has(Feature.KEYS) ? "message keys" : "no keys"),
        WILDCARDS("Wildcard subscriptions", features -> yesNo(features, Feature.WILDCARDS)),
        REPLAY("Replay / start positions", FeatureTable::replay),
        PARTITIONS("Partitions", features -> !features.has(Feature.PARTITIONS) ? "no"
                : features.has(Feature.PARALLEL_STREAMS) ? "yes, read in parallel" : "yes"),
        EXACTLY_ONCE("Exactly-once delivery", features -> features.has(Feature.EXACTLY_ONCE)
                ? "yes" : "no (at-least-once)"),
        MAX_PAYLOAD("Largest payload", features -> Formats.bytes(features.maxPayloadBytes()));

        private final String label;
        private final Function<BrokerFeatures, String> describe;

        Aspect(String label, Function<BrokerFeatures, String> describe) {
            this.label = label;
            this.describe = describe;
        }
    }

    public static FeatureTable of(List<BrokerResult> results) {
        List<Row> rows = Arrays.stream(Aspect.values())
                .map(aspect -> new Row(aspect.label, results.stream()
                        .map(result -> result.features().known() ? aspect.describe.apply(result.features()) : "?")
                        .toList()))
                .toList();
        return new FeatureTable(results.stream().map(BrokerResult::label).toList(), rows,
                results.stream().map(result -> !result.features().fromConnection()).toList());
    }

    private static String yesNo(BrokerFeatures features, Feature feature) {
        return features.has(feature) ? "yes" : "no";
    }

    private static String replay(BrokerFeatures features) {
        boolean history = features.has(Feature.NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES);
        boolean positions = features.has(Feature.START_POSITIONS);
        if (history && positions) {
            return "new subscribers replay history; start at a sequence or time";
        }
        if (history) {
            return "new subscribers replay history";
        }
        if (positions) {
            return "start at a sequence or time";
        }
        return "no: only messages published while subscribed";
    }
}
