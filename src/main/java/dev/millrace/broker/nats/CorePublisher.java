package dev.millrace.broker.nats;

import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Publisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Publishes to core NATS. Core NATS has no per-message acknowledgement; the nearest thing to "the broker accepted
 * it" is a flush: a PING the server answers only after it has processed everything sent before it on this connection,
 * so when {@link #publish} returns, the server has routed the messages to the subscriptions it knows. Whether a
 * subscriber then keeps up is beyond what core NATS reports. Concurrent publishers share flushes (see
 * {@link Flusher}).
 */
final class CorePublisher implements Publisher {
    private final NatsClient client;
    private final Duration flushTimeout;
    private final Consumer<CorePublisher> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    CorePublisher(NatsClient client, Duration flushTimeout, Consumer<CorePublisher> onClose) {
        this.client = client;
        this.flushTimeout = flushTimeout;
        this.onClose = onClose;
    }

    @Override
    public void publish(String topic, List<Message> messages) {
        if (closed.get()) {
            throw new MessagingException("the publisher is closed");
        }
        Subjects.requireValid(topic, false);
        List<Outgoing> encoded = Outgoing.encodeAll(topic, messages, client.maxPayload());
        try {
            for (Outgoing message : encoded) {
                client.connection().publish(topic, message.headers(), message.payload());
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new MessagingException("cannot publish to '" + topic + "': " + e.getMessage(), e);
        }
        flush(topic);
    }

    private void flush(String topic) {
        try {
            client.flush(flushTimeout);
        } catch (TimeoutException e) {
            throw new MessagingException("the NATS server did not confirm the messages on '" + topic + "' within "
                    + flushTimeout.toMillis() + " ms (is the connection down?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while publishing to '" + topic + "'", e);
        } catch (IllegalStateException e) {
            throw new MessagingException("cannot publish to '" + topic + "': " + e.getMessage(), e);
        }
    }

    /** Every publish ended with a flush, so nothing is pending here. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }
}
