package dev.millrace.compare;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution boiled down to what reports show: the usual percentiles and a percentile curve, all in
 * nanoseconds. Kept instead of the histogram itself so that a stored result stays readable JSON.
 *
 * @param count messages measured
 * @param curve the distribution at {@link #CURVE_PERCENTILES}, for percentile plots
 */
public record LatencySummary(long count, long minNanos, long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos,
                             long maxNanos, double meanNanos, List<Point> curve) {

    /** Where the curve is sampled: dense towards the tail, where brokers differ. */
    static final double[] CURVE_PERCENTILES = {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100};

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, List.of());

    public LatencySummary {
        curve = List.copyOf(curve);
    }

    /** One point of the percentile curve: {@code percentile} percent of messages took at most {@code nanos}. */
    public record Point(double percentile, long nanos) {
    }

    static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        List<Point> curve = new ArrayList<>();
        for (double percentile : CURVE_PERCENTILES) {
            curve.add(new Point(percentile, histogram.getValueAtPercentile(percentile)));
        }
        return new LatencySummary(histogram.getTotalCount(), histogram.getMinValue(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue(),
                histogram.getMean(), curve);
    }
}
