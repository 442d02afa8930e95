package dev.millrace.app.compare;

import java.time.Duration;

/**
 * One row of the progress table: where a broker's run is. Replaced whole on every progress event (a few times a
 * second), never updated per message.
 *
 * @param label       the column's label
 * @param state       the phase in words ("waiting", "warming up", "measuring", "measured", "unreachable", ...)
 * @param elapsed     time in the current phase
 * @param sent        messages published in the current phase
 * @param received    messages received in the current phase
 * @param rate        messages received per second lately
 * @param p99Nanos    the p99 end-to-end latency lately, 0 when none yet
 * @param errors      failed publish calls
 * @param fraction    how far the measured phase is, 0 to 1, or -1 when that cannot be told
 */
public record BrokerProgress(String label, String state, Duration elapsed, long sent, long received, double rate,
                             long p99Nanos, long errors, double fraction) {

    static BrokerProgress waiting(String label) {
        return new BrokerProgress(label, "waiting", Duration.ZERO, 0, 0, 0, 0, 0, 0);
    }

    BrokerProgress withState(String newState, double newFraction) {
        return new BrokerProgress(label, newState, elapsed, sent, received, rate, p99Nanos, errors, newFraction);
    }
}
