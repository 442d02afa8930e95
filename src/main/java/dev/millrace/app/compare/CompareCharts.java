package dev.millrace.app.compare;

import dev.millrace.compare.BrokerResult;
import dev.millrace.compare.ComparisonResult;
import dev.millrace.compare.Formats;
import dev.millrace.compare.LatencySummary;
import dev.millrace.compare.Metrics;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import javafx.collections.FXCollections;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/**
 * The two charts of a comparison: throughput bars per broker (published and consumed) and end-to-end latency at
 * p50, p90, p99, p99.9 and max per broker, on a logarithmic scale because brokers differ by orders of magnitude in
 * the tail. Built from the measured columns only; the charts are refilled, not rebuilt, when the result changes.
 */
final class CompareCharts {
    /** Where the latency curve is read, as the x axis names them. */
    private static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p99.9", "max");
    private static final List<ToLongFunction<LatencySummary>> READ = List.of(LatencySummary::p50Nanos,
            LatencySummary::p90Nanos, LatencySummary::p99Nanos, LatencySummary::p999Nanos, LatencySummary::maxNanos);
    /** Latencies below a microsecond are drawn at one: a logarithmic axis has no zero. */
    private static final double FLOOR_MILLIS = 0.001;

    private final NumberAxis rateAxis = new NumberAxis();
    private final BarChart<String, Number> throughput = new BarChart<>(new CategoryAxis(), rateAxis);
    private final NumberAxis latencyAxis = new NumberAxis();
    private final LineChart<String, Number> latency = new LineChart<>(new CategoryAxis(), latencyAxis);

    CompareCharts() {
        throughput.setId("compare-throughput");
        throughput.setTitle("Throughput");
        throughput.setAnimated(false);
        throughput.setCategoryGap(24);
        throughput.setBarGap(3);
        rateAxis.setLabel("messages per second");
        rateAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return Formats.rate(value.doubleValue());
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("axis labels are never parsed");
            }
        });
        latency.setId("compare-latency");
        latency.setTitle("End-to-end latency (log scale)");
        latency.setAnimated(false);
        latency.setCreateSymbols(true);
        // On a logarithmic axis the zero line would sit at 1 ms and look like data.
        latency.setHorizontalZeroLineVisible(false);
        latencyAxis.setLabel("milliseconds");
        latencyAxis.setAutoRanging(false);
        latencyAxis.setTickUnit(1);
        latencyAxis.setMinorTickCount(0);
        latencyAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number exponent) {
                return millis(Math.pow(10, exponent.doubleValue()));
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("axis labels are never parsed");
            }
        });
        ((CategoryAxis) latency.getXAxis()).setCategories(FXCollections.observableArrayList(PERCENTILES));
        show(null);
    }

    BarChart<String, Number> throughput() {
        return throughput;
    }

    LineChart<String, Number> latency() {
        return latency;
    }

    void show(ComparisonResult result) {
        List<BrokerResult> measured = result == null ? List.of()
                : result.brokers().stream().filter(broker -> broker.metrics().isPresent()).toList();
        XYChart.Series<String, Number> published = new XYChart.Series<>();
        published.setName("published");
        XYChart.Series<String, Number> consumed = new XYChart.Series<>();
        consumed.setName("consumed");
        for (BrokerResult broker : measured) {
            Metrics metrics = broker.metrics().orElseThrow();
            published.getData().add(new XYChart.Data<>(broker.label(), metrics.publishRate()));
            consumed.getData().add(new XYChart.Data<>(broker.label(), metrics.consumeRate()));
        }
        throughput.getData().setAll(List.of(published, consumed));

        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        latency.getData().clear();
        for (BrokerResult broker : measured) {
            LatencySummary summary = broker.metrics().orElseThrow().endToEnd();
            if (summary.count() == 0) {
                continue;
            }
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(broker.label());
            for (int i = 0; i < PERCENTILES.size(); i++) {
                double exponent = Math.log10(Math.max(FLOOR_MILLIS, READ.get(i).applyAsLong(summary) / 1e6));
                low = Math.min(low, exponent);
                high = Math.max(high, exponent);
                series.getData().add(new XYChart.Data<>(PERCENTILES.get(i), exponent));
            }
            latency.getData().add(series);
        }
        if (low > high) {
            low = -1;
            high = 1;
        }
        latencyAxis.setLowerBound(Math.floor(low));
        latencyAxis.setUpperBound(Math.max(Math.ceil(high), Math.floor(low) + 1));
    }

    /** A power of ten of milliseconds as an axis label: 1 µs, 10 µs, ... 1 ms, 10 ms, ... 1 s, 10 s. */
    static String millis(double millis) {
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.0f s", millis / 1000);
        }
        if (millis >= 1) {
            return String.format(Locale.ROOT, "%.0f ms", millis);
        }
        return String.format(Locale.ROOT, "%.0f µs", millis * 1000);
    }
}
