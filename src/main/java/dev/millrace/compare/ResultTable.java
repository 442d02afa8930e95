package dev.millrace.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The measured numbers side by side: one row per metric, one cell per broker, formatted for people. Brokers that
 * were not measured show their status and {@link Formats#NONE} elsewhere.
 */
public record ResultTable(List<String> brokers, List<Row> rows) {

    public ResultTable {
        brokers = List.copyOf(brokers);
        rows = List.copyOf(rows);
    }

    public record Row(String metric, List<String> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    public static ResultTable of(ComparisonResult result) {
        List<BrokerResult> brokers = result.brokers();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Status", brokers.stream().map(broker -> broker.outcome().status()).toList()));
        rows.add(row(brokers, "Publish msg/s", metrics -> Formats.rate(metrics.publishRate())));
        rows.add(row(brokers, "Consume msg/s", metrics -> Formats.rate(metrics.consumeRate())));
        rows.add(row(brokers, "Sent", metrics -> Formats.count(metrics.sent())));
        rows.add(row(brokers, "Received", metrics -> Formats.count(metrics.received())));
        rows.add(row(brokers, "Lost", metrics -> Formats.count(metrics.lost())));
        rows.add(row(brokers, "Duplicates", metrics -> Formats.count(metrics.duplicates())));
        rows.add(row(brokers, "Publish errors", metrics -> Formats.count(metrics.errors())));
        rows.add(row(brokers, "Latency p50", metrics -> Formats.millis(metrics.endToEnd().p50Nanos())));
        rows.add(row(brokers, "Latency p90", metrics -> Formats.millis(metrics.endToEnd().p90Nanos())));
        rows.add(row(brokers, "Latency p99", metrics -> Formats.millis(metrics.endToEnd().p99Nanos())));
        rows.add(row(brokers, "Latency p99.9", metrics -> Formats.millis(metrics.endToEnd().p999Nanos())));
        rows.add(row(brokers, "Latency max", metrics -> Formats.millis(metrics.endToEnd().maxNanos())));
        rows.add(row(brokers, "Publish call p50", metrics -> Formats.millis(metrics.publishLatency().p50Nanos())));
        rows.add(row(brokers, "Publish call p99", metrics -> Formats.millis(metrics.publishLatency().p99Nanos())));
        return new ResultTable(brokers.stream().map(BrokerResult::label).toList(), rows);
    }

    private static Row row(List<BrokerResult> brokers, String metric, Function<Metrics, String> cell) {
        return new Row(metric, brokers.stream().map(broker -> broker.metrics().map(cell).orElse(Formats.NONE))
                .toList());
    }
}
