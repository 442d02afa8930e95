package dev.millrace.broker.nats;

import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.PayloadTooLargeException;
import dev.millrace.message.Publisher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Publishes to JetStream and returns once the stream acknowledged every message (its PubAck): then the message is
 * stored. The messages of one call are sent back to back and their acknowledgements awaited together.
 */
final class JetStreamPublisher implements Publisher {
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
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(encoded.size());
        try {
            for (Outgoing message : encoded) {
                acks.add(jetStream.publishAsync(message.toClientMessage(topic)));
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new MessagingException("cannot publish to '" + topic + "': " + e.getMessage(), e);
        }
        awaitAcks(topic, encoded, acks, limit);
    }

    private void awaitAcks(String topic, List<Outgoing> sent, List<CompletableFuture<PublishAck>> acks, long limit) {
        MessagingException failure = null;
        for (int i = 0; i < acks.size(); i++) {
            try {
                // Once one failed, only collect what is already there: a dead server would cost a timeout each.
                acks.get(i).get(failure == null ? timeout.toNanos() : 0, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (failure == null) {
                    failure = new MessagingException("JetStream did not acknowledge message " + sent.get(i).id()
                            + " on '" + topic + "' within " + timeout.toMillis() + " ms", e);
                }
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = rejected(topic, sent.get(i), e.getCause(), limit);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessagingException("interrupted while publishing to '" + topic + "'", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
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
