package dev.millrace.broker;

import java.time.Duration;
import java.util.Map;

/**
 * The broker's own client doing the benchmark's work without Millrace, so that {@code bench} can report the
 * adapter's throughput as a ratio of the raw client's, measured in the same run. Implemented inside the adapter's
 * package, next to the adapter it is a baseline for, and discovered with {@link java.util.ServiceLoader}.
 *
 * <p>Both sides must do the same work: the same payloads, the same number of publishing threads, one message per
 * send, each send waiting for the same acceptance the adapter's {@code publish} waits for; on the consuming side,
 * the same acknowledgement discipline (ack or commit after each message is handled).
 */
public interface RawClientBaseline {

    /** Id of the adapter this is the baseline for. */
    String adapterId();

    /** Creates what {@code topic} needs so that messages published next are kept until {@link #consume} reads them. */
    void prepare(Map<String, String> options, String topic) throws Exception;

    /** Publishes {@code messages} payloads of {@code payloadBytes} from {@code publishers} threads; the elapsed time. */
    Duration publish(Map<String, String> options, String topic, long messages, int payloadBytes, int publishers)
            throws Exception;

    /** Reads and acknowledges {@code messages} messages of {@code topic}; the elapsed time. */
    Duration consume(Map<String, String> options, String topic, long messages) throws Exception;
}
