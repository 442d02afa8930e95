package dev.millrace.record;

import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One topic to record.
 *
 * @param topic   topic, subject, queue (or pattern, where the broker has wildcards)
 * @param options consumer group and start position
 * @param readers streams read at once. With a broker that has acknowledgements the recorder acks a message only
 *                after it is committed, and a stream hands out its next message only after that ack, so one reader
 *                records one message per commit; more readers (parallel streams of one subscription, or members
 *                of one consumer group) multiply that. Ignored, as 1, where the broker offers neither.
 */
public record SubscriptionSpec(String topic, SubscribeOptions options, int readers) {

    public SubscriptionSpec {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(options, "options");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("a topic to record must not be blank");
        }
        if (readers < 1) {
            throw new IllegalArgumentException("readers must be at least 1, got " + readers);
        }
    }

    /** The topic with default options and one reader. */
    public static SubscriptionSpec of(String topic) {
        return new SubscriptionSpec(topic, SubscribeOptions.DEFAULT, 1);
    }

    public SubscriptionSpec withOptions(SubscribeOptions newOptions) {
        return new SubscriptionSpec(topic, newOptions, readers);
    }

    public SubscriptionSpec withReaders(int newReaders) {
        return new SubscriptionSpec(topic, options, newReaders);
    }

    /**
     * The start position as text: {@code committed}, {@code earliest}, {@code latest}, {@code sequence:N} or
     * {@code time:ISO-8601}.
     */
    public static String format(StartPosition start) {
        return switch (start) {
            case StartPosition.Committed committed -> "committed";
            case StartPosition.Earliest earliest -> "earliest";
            case StartPosition.Latest latest -> "latest";
            case StartPosition.AtSequence at -> "sequence:" + at.sequence();
            case StartPosition.AtTime at -> "time:" + at.time();
        };
    }

    /** Reads what {@link #format} writes. */
    public static StartPosition parseStart(String text) {
        String value = text.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sequence:")) {
            return new StartPosition.AtSequence(Long.parseLong(value.substring("sequence:".length())));
        }
        if (lower.startsWith("time:")) {
            return new StartPosition.AtTime(Instant.parse(value.substring("time:".length())));
        }
        return switch (lower) {
            case "committed" -> StartPosition.COMMITTED;
            case "earliest" -> StartPosition.EARLIEST;
            case "latest" -> StartPosition.LATEST;
            default -> throw new IllegalArgumentException("'" + text + "' is not a start position (committed, "
                    + "earliest, latest, sequence:N, time:2026-01-31T12:00:00Z)");
        };
    }
}
