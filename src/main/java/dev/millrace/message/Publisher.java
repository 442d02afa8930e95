package dev.millrace.message;

import java.util.List;

/**
 * Sends messages to a topic. Thread-safe. {@code publish} returns once the broker has accepted the messages, or
 * throws a {@link MessagingException}; it is not atomic across messages.
 */
public interface Publisher extends AutoCloseable {

    void publish(String topic, List<Message> messages);

    default void publish(String topic, Message... messages) {
        publish(topic, List.of(messages));
    }

    /** Flushes pending sends and releases the publisher. Idempotent. */
    @Override
    void close();
}
