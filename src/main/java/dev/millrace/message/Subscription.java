package dev.millrace.message;

import java.time.Duration;

/**
 * One stream of messages, read by pulling. A pull model keeps the at-least-once contract visible in code: the
 * next message of a stream is handed out only after the current one is acked or nacked (adapters that declare
 * parallel streams may hand out one message per stream, e.g. per Kafka partition, to concurrent readers).
 *
 * <p>Several threads may call {@link #receive(Duration)} at once. {@link #close()} ends the stream promptly, also
 * while a message waits for its ack and while nobody reads; unsettled messages are then redelivered by the broker
 * where it keeps them.
 */
public interface Subscription extends AutoCloseable {

    String topic();

    /**
     * Waits up to {@code timeout} for the next message. Returns {@code null} if none came in time, and at once
     * when the subscription is closed ({@link #isClosed()} then tells the two apart).
     */
    Message receive(Duration timeout) throws InterruptedException;

    boolean isClosed();

    /** Cancels the subscription. Idempotent and safe to call from any thread. */
    @Override
    void close();
}
