package dev.millrace.broker;

/**
 * One entry of the browse list.
 *
 * @param name         topic, subject, stream, exchange or queue name
 * @param kind         what the broker calls it ("topic", "stream", "exchange", "queue", ...)
 * @param messageCount messages the broker holds for it, or {@link #UNKNOWN}
 * @param bytes        bytes the broker holds for it, or {@link #UNKNOWN}
 */
public record TopicInfo(String name, String kind, long messageCount, long bytes) {

    public static final long UNKNOWN = -1;
}
