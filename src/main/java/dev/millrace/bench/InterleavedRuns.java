package dev.millrace.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Rates of one phase (publish or subscribe) measured in paired rounds, adapter and raw client back to back with the
 * order alternating between rounds, so that a load change on a shared machine hits both sides alike; summarised by
 * medians, which one disturbed round cannot move much.
 *
 * @param adapter rates of the adapter, one per round
 * @param raw     rates of the raw client, one per round, paired by index with {@code adapter}
 */
public record InterleavedRuns(List<Double> adapter, List<Double> raw) {

    public InterleavedRuns {
        adapter = List.copyOf(adapter);
        raw = List.copyOf(raw);
        if (adapter.size() != raw.size() || adapter.isEmpty()) {
            throw new IllegalArgumentException("need as many adapter as raw rounds, at least one");
        }
    }

    public double adapterMedian() {
        return median(adapter);
    }

    public double rawMedian() {
        return median(raw);
    }

    /** The median of each round's adapter/raw ratio: pairs the runs that saw the same machine state. */
    public double pairedRatioMedian() {
        return median(IntStream.range(0, adapter.size())
                .mapToObj(i -> adapter.get(i) / raw.get(i)).toList());
    }

    public double pairedRatioMin() {
        return IntStream.range(0, adapter.size())
                .mapToDouble(i -> adapter.get(i) / raw.get(i)).min().orElseThrow();
    }

    public double pairedRatioMax() {
        return IntStream.range(0, adapter.size())
                .mapToDouble(i -> adapter.get(i) / raw.get(i)).max().orElseThrow();
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
