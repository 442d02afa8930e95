package dev.millrace.compare;

/**
 * What one broker did with one workload's measured phase. Warm-up messages count only in {@code warmupSent} and
 * {@code warmupReceived}.
 *
 * @param sent             measured messages the broker accepted
 * @param received         distinct measured messages the measuring consumers got
 * @param duplicates       measured messages received more than once (at-least-once redeliveries)
 * @param errors           messages whose publish call failed, warm-up included
 * @param firstError       the first publish failure, or {@code null}
 * @param publishRate      {@code sent} over the measured publishing time, msg/s
 * @param consumeRate      {@code received} over the time from the first to the last measured receipt, msg/s
 * @param publishSeconds   from the start of the measured phase to the last accepted measured publish
 * @param endToEnd         from the message's stamp, taken as it is made just before its publish call, to its
 *                         receipt by the measuring consumer, same JVM clock
 * @param publishLatency   per message, from its stamp (just before its publish call) to the call's return (the
 *                         broker's acceptance of the whole call)
 */
public record Metrics(long sent, long received, long duplicates, long errors, String firstError, long warmupSent,
                      long warmupReceived, double publishRate, double consumeRate, double publishSeconds,
                      LatencySummary endToEnd, LatencySummary publishLatency) {

    /** Measured messages that never arrived before the run ended. */
    public long lost() {
        return Math.max(0, sent - received);
    }
}
