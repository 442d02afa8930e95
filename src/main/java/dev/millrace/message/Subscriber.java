package dev.millrace.message;

/**
 * Opens subscriptions. Delivery is at-least-once: the broker's offset or ack is committed only after the
 * message's {@link Message#ack()}.
 */
public interface Subscriber extends AutoCloseable {

    Subscription subscribe(String topic, SubscribeOptions options);

    default Subscription subscribe(String topic) {
        return subscribe(topic, SubscribeOptions.DEFAULT);
    }

    /**
     * Creates the topic, stream, queue or binding that {@code subscribe(topic, options)} would read, so that
     * messages published from now on are kept until someone subscribes. A no-op where nothing needs creating.
     */
    default void initialize(String topic, SubscribeOptions options) {
    }

    /** Ends every subscription of this subscriber. Idempotent and safe to call from several threads. */
    @Override
    void close();
}
