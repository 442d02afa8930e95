package dev.millrace.message;

import java.util.Objects;

/**
 * How to subscribe.
 *
 * @param consumerGroup subscriptions sharing a group share its messages; each group receives every message.
 *                      {@code null} gives the subscription a group of its own.
 * @param start         where to start for brokers that keep history
 */
public record SubscribeOptions(String consumerGroup, StartPosition start) {

    public static final SubscribeOptions DEFAULT = new SubscribeOptions(null, StartPosition.COMMITTED);

    public SubscribeOptions {
        Objects.requireNonNull(start, "start");
    }

    public static SubscribeOptions group(String consumerGroup) {
        return new SubscribeOptions(Objects.requireNonNull(consumerGroup, "consumerGroup"), StartPosition.COMMITTED);
    }

    public SubscribeOptions startingAt(StartPosition position) {
        return new SubscribeOptions(consumerGroup, position);
    }
}
