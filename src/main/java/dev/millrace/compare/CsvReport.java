package dev.millrace.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The report for spreadsheets: RFC 4180 CSV, one row per broker, with the run and the workload repeated on every row
 * so that the rows of several runs can be pasted together. Latencies in milliseconds, rates in msg/s, plain numbers.
 */
final class CsvReport implements Report {
    private static final List<String> COLUMNS = List.of("comparison_id", "started_at", "workload", "message_size",
            "target_rate", "producers", "publish_batch", "consumers", "topics", "partitions",
            "consume_after_publishing",
            "broker", "adapter", "status", "reason", "sent", "received", "lost", "duplicates", "publish_errors",
            "publish_msg_per_s", "consume_msg_per_s",
            "latency_p50_ms", "latency_p90_ms", "latency_p99_ms", "latency_p999_ms", "latency_max_ms",
            "latency_mean_ms", "publish_call_p50_ms", "publish_call_p99_ms");

    @Override
    public String render(ComparisonResult result) {
        FeatureTable features = FeatureTable.of(result.brokers());
        List<String> header = new ArrayList<>(COLUMNS);
        features.rows().forEach(row -> header.add(column(row.aspect())));
        header.add("notes");
        StringBuilder out = new StringBuilder();
        row(out, header);
        Workload workload = result.workload();
        for (int i = 0; i < result.brokers().size(); i++) {
            BrokerResult broker = result.brokers().get(i);
            List<String> cells = new ArrayList<>(List.of(result.id(), String.valueOf(result.startedAt()),
                    workload.name(), Integer.toString(workload.messageSize()), Integer.toString(workload.targetRate()),
                    Integer.toString(workload.producers()), Integer.toString(workload.publishBatch()),
                    Integer.toString(workload.consumers()), Integer.toString(workload.topics()),
                    Integer.toString(workload.partitions()), Boolean.toString(workload.consumeAfterPublishing()),
                    broker.label(), broker.adapterId(), broker.outcome().status(), broker.outcome().reason()));
            cells.addAll(broker.metrics().map(CsvReport::numbers).orElseGet(() -> empty(15)));
            for (FeatureTable.Row row : features.rows()) {
                cells.add(row.cells().get(i));
            }
            cells.add(String.join("; ", broker.notes()));
            row(out, cells);
        }
        return out.toString();
    }

    private static List<String> numbers(Metrics metrics) {
        LatencySummary latency = metrics.endToEnd();
        return List.of(Long.toString(metrics.sent()), Long.toString(metrics.received()), Long.toString(metrics.lost()),
                Long.toString(metrics.duplicates()), Long.toString(metrics.errors()), decimal(metrics.publishRate()),
                decimal(metrics.consumeRate()), millis(latency.p50Nanos()), millis(latency.p90Nanos()),
                millis(latency.p99Nanos()), millis(latency.p999Nanos()), millis(latency.maxNanos()),
                decimal(latency.meanNanos() / 1e6), millis(metrics.publishLatency().p50Nanos()),
                millis(metrics.publishLatency().p99Nanos()));
    }

    private static List<String> empty(int count) {
        return Collections.nCopies(count, "");
    }

    private static String column(String aspect) {
        return aspect.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.6f", nanos / 1e6);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** A cell is quoted when it holds a comma, a quote or a line break; quotes inside are doubled. */
    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String cell = cells.get(i);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0) {
                out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                out.append(cell);
            }
        }
        out.append("\r\n");
    }
}
