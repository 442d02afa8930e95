package dev.millrace.broker.nats;

import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.PayloadTooLargeException;
import dev.millrace.message.Publisher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Publishes to JetStream and returns once the stream acknowledged every message (its PubAck): then the message is
 * stored. The messages of one call are sent back to back, at most {@link #WINDOW} ahead of their acknowledgements,
 * and the acknowledgements awaited together.
 */
final class JetStreamPublisher implements Publisher {
    /**
     * Acknowledgements a call may have outstanding: enough to keep the connection busy, few enough that a call with
     * a million messages neither fills the client's outgoing queue nor holds a million futures.
     */
    private static final int WINDOW = 512;

    private final JetStream jetStream;
    private final Streams streams;
    private final NatsClient client;
    private final Duration timeout;
    private final Consumer<JetStreamPublisher> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    JetStreamPublisher(JetStream jetStream, Streams streams, NatsClient client, Duration timeout,
            Consumer<JetStreamPublisher> onClose) {
        this.jetStream = jetStream;
        this.streams = streams;
        this.client = client;
        this.timeout = timeout;
        this.onClose = onClose;
    }

    @Override
    public void publish(String topic, List<Message> messages) {
        if (closed.get()) {
            throw new MessagingException("the publisher is closed");
        }
        Subjects.requireValid(topic, false);
        Streams.Stream stream = streams.forTopic(topic);
        long limit = stream.maxMessageSize() > 0
                ? Math.min(client.maxPayload(), stream.maxMessageSize()) : client.maxPayload();
        List<Outgoing> encoded = Outgoing.encodeAll(topic, messages, limit);
        // The acknowledgements not yet awaited, oldest first; the oldest is that of message encoded[awaited].
        ArrayDeque<CompletableFuture<PublishAck>> outstanding = new ArrayDeque<>(Math.min(WINDOW, encoded.size()));
        int awaited = 0;
        MessagingException failure = null;
        try {
            for (Outgoing message : encoded) {
                if (outstanding.size() == WINDOW) {
                    failure = awaitAck(topic, encoded.get(awaited++), outstanding.poll(), limit, failure);
                }
                outstanding.add(jetStream.publishAsync(message.toClientMessage(topic)));
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new MessagingException("cannot publish to '" + topic + "': " + e.getMessage(), e);
        }
        while (!outstanding.isEmpty()) {
            failure = awaitAck(topic, encoded.get(awaited++), outstanding.poll(), limit, failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits for the acknowledgement of {@code sent}; returns the first failure of the call so far. */
    private MessagingException awaitAck(String topic, Outgoing sent, CompletableFuture<PublishAck> ack, long limit,
                                        MessagingException failure) {
        try {
            // Once one failed, only collect what is already there: a dead server would cost a timeout each.
            ack.get(failure == null ? timeout.toNanos() : 0, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (failure == null) {
                return new MessagingException("JetStream did not acknowledge message " + sent.id() + " on '"
                        + topic + "' within " + timeout.toMillis() + " ms", e);
            }
        } catch (ExecutionException e) {
            if (failure == null) {
                return rejected(topic, sent, e.getCause(), limit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while publishing to '" + topic + "'", e);
        }
        return failure;
    }

    private MessagingException rejected(String topic, Outgoing message, Throwable cause, long limit) {
        if (cause instanceof JetStreamApiException api && api.getApiErrorCode() == Streams.MESSAGE_TOO_LARGE) {
            return new PayloadTooLargeException(topic, (long) message.headers().serializedLength()
                    + message.payload().length, limit);
        }
        if (cause instanceof JetStreamApiException api) {
            return new MessagingException("JetStream rejected message " + message.id() + " on '" + topic + "': "
                    + api.getErrorDescription() + " (JetStream error " + api.getApiErrorCode() + ")", cause);
        }
        // "No responders": no stream listens on the subject (deleted since we looked) or JetStream is not ready.
        streams.forget(topic);
        return new MessagingException("JetStream did not store message " + message.id() + " on '" + topic + "': "
                + cause.getMessage(), cause);
    }

    /** Every publish waited for its acknowledgements, so nothing is pending here. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }
}
