package dev.millrace.router;

import dev.millrace.message.Context;
import dev.millrace.message.Message;

/**
 * The values the router puts into each message's {@link Context} before running the handler, so that middleware
 * (the poison queue, logging, metrics) can tell which handler a message went through. The helpers read them from
 * a message and return the empty string when a value is absent, like {@link dev.millrace.message.Metadata#get}.
 */
public final class RouterContext {
    public static final String HANDLER_NAME = "millrace.router.handler_name";
    public static final String SUBSCRIBE_TOPIC = "millrace.router.subscribe_topic";
    public static final String SUBSCRIBER_NAME = "millrace.router.subscriber_name";
    /** Absent for consumer handlers, which publish nothing. */
    public static final String PUBLISH_TOPIC = "millrace.router.publish_topic";
    /** Absent for consumer handlers, which publish nothing. */
    public static final String PUBLISHER_NAME = "millrace.router.publisher_name";

    private RouterContext() {
    }

    public static String handlerName(Message message) {
        return read(message, HANDLER_NAME);
    }

    public static String subscribeTopic(Message message) {
        return read(message, SUBSCRIBE_TOPIC);
    }

    public static String subscriberName(Message message) {
        return read(message, SUBSCRIBER_NAME);
    }

    public static String publishTopic(Message message) {
        return read(message, PUBLISH_TOPIC);
    }

    public static String publisherName(Message message) {
        return read(message, PUBLISHER_NAME);
    }

    private static String read(Message message, String key) {
        return message.context().value(key, String.class).orElse("");
    }

    /** The name the router records for a subscriber or publisher: its class's simple name. */
    static String nameOf(Object component) {
        String simple = component.getClass().getSimpleName();
        return simple.isEmpty() ? component.getClass().getName() : simple;
    }
}
