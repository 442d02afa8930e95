package dev.millrace.broker.nats;

import java.time.Instant;

/**
 * The delivery facts JetStream writes into the reply subject of a message it delivers:
 * {@code $JS.ACK.<stream>.<consumer>.<delivered>.<stream seq>.<consumer seq>.<timestamp>.<pending>}, or, from servers
 * with domains, {@code $JS.ACK.<domain>.<account hash>.<stream>.<consumer>.<delivered>...} with a token or more after
 * the pending count.
 *
 * <p>Read by hand rather than through jnats' {@code Message.metaData()}: that one splits the subject with a regular
 * expression and builds a {@code ZonedDateTime}, and on the subscribe path it cost about a third of the reader
 * thread's time per message (profile in docs/benchmarks.md).
 *
 * @param reply           the reply subject
 * @param streamStart     index in {@code reply} where the stream name starts
 * @param streamEnd       index just after the stream name
 * @param delivered       how often the message has been delivered, this time included
 * @param streamSequence  the message's sequence in its stream
 * @param timestampNanos  when the stream stored it, in nanoseconds since the epoch
 */
record AckSubject(String reply, int streamStart, int streamEnd, long delivered, long streamSequence,
                  long timestampNanos) {
    private static final String PREFIX = "$JS.ACK.";
    /** Tokens of the first form; the domain form has at least two more. */
    private static final int PLAIN_TOKENS = 9;
    private static final int DOMAIN_MIN_TOKENS = 11;
    private static final int MAX_DOTS = 16;

    /** The facts of {@code reply}, or null when it is not a JetStream ack subject of a known form. */
    static AckSubject parse(String reply) {
        if (reply == null || !reply.startsWith(PREFIX)) {
            return null;
        }
        int[] dots = new int[MAX_DOTS];
        int count = 0;
        for (int i = 0; i < reply.length(); i++) {
            if (reply.charAt(i) == '.') {
                if (count == MAX_DOTS) {
                    return null;
                }
                dots[count++] = i;
            }
        }
        int tokens = count + 1;
        int stream;
        if (tokens == PLAIN_TOKENS) {
            stream = 2;
        } else if (tokens >= DOMAIN_MIN_TOKENS) {
            stream = 4;
        } else {
            return null;
        }
        long delivered = number(reply, dots, count, stream + 2);
        long sequence = number(reply, dots, count, stream + 3);
        long timestamp = number(reply, dots, count, stream + 5);
        if (delivered < 0 || sequence < 0 || timestamp < 0) {
            return null;
        }
        return new AckSubject(reply, dots[stream - 1] + 1, dots[stream], delivered, sequence, timestamp);
    }

    String stream() {
        return reply.substring(streamStart, streamEnd);
    }

    boolean redelivered() {
        return delivered > 1;
    }

    Instant timestamp() {
        return Instant.ofEpochSecond(0, timestampNanos);
    }

    /** The decimal token {@code index} (0-based) of the subject, or -1 when it is not a plain non-negative number. */
    private static long number(String reply, int[] dots, int dotCount, int index) {
        int start = dots[index - 1] + 1;
        int end = index < dotCount ? dots[index] : reply.length();
        if (start >= end) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            char c = reply.charAt(i);
            if (c < '0' || c > '9' || value > (Long.MAX_VALUE - (c - '0')) / 10) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
