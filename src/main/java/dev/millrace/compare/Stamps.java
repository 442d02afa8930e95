package dev.millrace.compare;

import dev.millrace.message.Message;
import dev.millrace.message.Metadata;

/**
 * The metadata a comparison puts on each message to measure it: a sequence number (negative for warm-up messages)
 * and the {@link System#nanoTime()} at which its publish call started. Producers and consumers run in one JVM, so
 * the nanosecond clock is shared and the difference is the latency.
 */
final class Stamps {
    static final String SEQUENCE = "millrace_compare_seq";
    static final String SENT_NANOS = "millrace_compare_sent_nanos";
    static final long WARMUP_SEQUENCE = -1;
    /** What {@link #sequence} returns for a message that carries no stamps (not one of ours). */
    static final long FOREIGN = Long.MIN_VALUE;

    private Stamps() {
    }

    static Metadata stamp(long sequence, long sentNanos) {
        return Metadata.of(SEQUENCE, Long.toString(sequence), SENT_NANOS, Long.toString(sentNanos));
    }

    /** Copies the stamps of {@code from} onto {@code to}, for handlers that answer a stamped message. */
    static void carry(Message from, Metadata to) {
        to.set(SEQUENCE, from.metadata().get(SEQUENCE));
        to.set(SENT_NANOS, from.metadata().get(SENT_NANOS));
    }

    static long sequence(Message message) {
        return parse(message.metadata().get(SEQUENCE));
    }

    static long sentNanos(Message message) {
        return parse(message.metadata().get(SENT_NANOS));
    }

    private static long parse(String text) {
        if (text.isEmpty()) {
            return FOREIGN;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return FOREIGN;
        }
    }
}
