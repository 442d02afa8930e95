package dev.millrace.compare;

import java.time.Duration;

/**
 * What a running comparison reports, in order: per broker {@link BrokerStarting}, {@link PhaseChanged}s with
 * {@link Progress} in between, {@link BrokerFinished}; at the end {@link ComparisonFinished}. Events come from the
 * thread that called {@link ComparisonRunner#run}, a few times a second, never once per message.
 */
public sealed interface CompareEvent {

    /** Broker {@code index} (from 0) of {@code count} is about to connect. */
    record BrokerStarting(String label, int index, int count) implements CompareEvent {
    }

    record PhaseChanged(String label, Phase phase) implements CompareEvent {
    }

    /**
     * A snapshot of the running broker. Counts are of the current phase (warm-up or measured); rates and
     * percentiles cover the time since the previous snapshot.
     */
    record Progress(String label, Phase phase, Duration elapsed, long sent, long received, long errors,
                    double publishRate, double consumeRate, long p50Nanos, long p99Nanos) implements CompareEvent {
    }

    record BrokerFinished(BrokerResult result) implements CompareEvent {
    }

    record ComparisonFinished(ComparisonResult result) implements CompareEvent {
    }
}
