package dev.millrace.broker.nats;

import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.Outcome;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.nats.client.support.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription reading a JetStream pull consumer. It keeps pull requests outstanding on a private inbox so that
 * the next messages are already in the client when the reader asks, acks and naks each message on its reply
 * subject, and on close drains the inbox: every message the server had sent it is nakked, so that the group's other
 * members (or its next subscriber) get it at once instead of after the ack wait.
 */
final class JetStreamSubscription extends GatedSubscription<io.nats.client.Message> {
    private static final Logger log = LoggerFactory.getLogger(JetStreamSubscription.class);
    private static final byte[] ACK = "+ACK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAK = "-NAK".getBytes(StandardCharsets.US_ASCII);
    /** Server-side life of a pull request; the tracker counts a request gone a little later than that. */
    private static final Duration PULL_EXPIRES = Duration.ofSeconds(5);
    private static final Duration PULL_MARGIN = Duration.ofSeconds(2);
    /** Pause before asking again after "no responders": the consumer or JetStream is not there (yet). */
    private static final long NO_RESPONDERS_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private final NatsClient client;
    private final Consumers consumers;
    private final Consumers.Consumer consumer;
    private final Subscription inbox;
    private final String pullSubject;
    private final byte[] pullRequest;
    private final PullTracker tracker;
    private final Runnable onReconnect;
    private final Consumer<JetStreamSubscription> onClose;
    private volatile long pullPausedUntil = System.nanoTime();

    /**
     * @param maxMessageBytes the largest message the server sends; a pull request asks for at most two of them in
     *                        bytes, so that a batch of large messages does not fill the heap
     */
    JetStreamSubscription(String topic, NatsClient client, Consumers consumers, Consumers.Consumer consumer,
            int batch, long maxMessageBytes, Consumer<JetStreamSubscription> onClose) {
        super(topic);
        this.client = client;
        this.consumers = consumers;
        this.consumer = consumer;
        this.onClose = onClose;
        Connection connection = client.connection();
        this.inbox = connection.subscribe(connection.createInbox());
        // The pull requests bound what the inbox holds; the client's own count limit must not drop any of it.
        inbox.setPendingLimits(0, 0);
        this.pullSubject = "$JS.API.CONSUMER.MSG.NEXT." + consumer.stream() + "." + consumer.name();
        this.pullRequest = ("{\"batch\":" + batch + ",\"expires\":" + PULL_EXPIRES.toNanos() + ",\"max_bytes\":"
                + Math.multiplyExact(2, maxMessageBytes) + "}").getBytes(StandardCharsets.US_ASCII);
        this.tracker = new PullTracker(batch, PULL_EXPIRES.plus(PULL_MARGIN).toNanos());
        this.onReconnect = tracker::reset;
        client.onReconnect(onReconnect);
    }

    @Override
    io.nats.client.Message fetch(long deadline) throws InterruptedException {
        while (!isClosed()) {
            pullIfLow();
            Duration wait = slice(deadline);
            if (wait == null) {
                return null;
            }
            io.nats.client.Message raw;
            try {
                raw = inbox.nextMessage(wait);
            } catch (IllegalStateException inactive) {
                // The client closed the inbox: the connection is gone for good.
                close();
                return null;
            }
            if (raw == null) {
                continue;
            }
            if (raw.isStatusMessage()) {
                onStatus(raw.getStatus());
                continue;
            }
            tracker.delivered();
            return raw;
        }
        return null;
    }

    private void pullIfLow() {
        long now = System.nanoTime();
        if (now - pullPausedUntil < 0 || !tracker.wantsMore(now)) {
            return;
        }
        try {
            client.connection().publish(pullSubject, inbox.getSubject(), pullRequest);
            tracker.requested(now);
        } catch (IllegalStateException closedConnection) {
            log.debug("cannot pull from {}: {}", pullSubject, closedConnection.getMessage());
        }
    }

    private void onStatus(Status status) {
        switch (status.getCode()) {
            case Status.FLOW_OR_HEARTBEAT_STATUS_CODE -> {
                // We ask for no heartbeats; nothing to do if a server sends them anyway.
            }
            case Status.NO_RESPONDERS_CODE -> {
                tracker.ended();
                pullPausedUntil = System.nanoTime() + NO_RESPONDERS_PAUSE_NANOS;
                log.debug("no responder for {} (consumer missing or JetStream not ready)", pullSubject);
            }
            case Status.REQUEST_TIMEOUT_CODE, Status.NOT_FOUND_CODE -> tracker.ended();
            default -> {
                tracker.ended();
                log.warn("JetStream ended a pull request of consumer '{}' on stream '{}': {}", consumer.name(),
                        consumer.stream(), status.getMessageWithCode());
            }
        }
    }

    @Override
    Message toMessage(io.nats.client.Message raw) {
        HeaderCodec.Decoded decoded = HeaderCodec.decode(raw.getHeaders());
        NatsJetStreamMetaData meta = raw.metaData();
        String id = decoded.id() != null ? decoded.id() : meta.getStream() + ":" + meta.streamSequence();
        Message message = new Message(id, decoded.metadata(), raw.getData());
        message.withKey(decoded.key());
        message.setEnvelope(new Envelope(JetStreamAdapter.ID, raw.getSubject(), decoded.key(), Envelope.NONE,
                meta.streamSequence(), meta.timestamp().toInstant(), Instant.now(), System.nanoTime(),
                meta.deliveredCount() > 1));
        return message;
    }

    @Override
    void settle(io.nats.client.Message raw, Outcome outcome) {
        reply(raw, outcome == Outcome.ACKED ? ACK : NAK);
    }

    @Override
    void giveBack(io.nats.client.Message raw) {
        reply(raw, NAK);
    }

    private void reply(io.nats.client.Message raw, byte[] verdict) {
        try {
            client.connection().publish(raw.getReplyTo(), verdict);
        } catch (IllegalStateException closedConnection) {
            // The server redelivers it after the ack wait.
            log.debug("cannot settle a message of {}: {}", pullSubject, closedConnection.getMessage());
        }
    }

    @Override
    void closed() {
        client.removeReconnectListener(onReconnect);
        if (consumer.ephemeral()) {
            unsubscribe();
            Thread.ofVirtual().name("millrace-jetstream-delete-" + consumer.name()).start(this::deleteConsumer);
        } else {
            drain();
        }
        onClose.accept(this);
    }

    /**
     * Unsubscribes the inbox and naks what was on its way: the drain's flush makes sure that everything the server
     * sent before it saw the unsubscribe is here, and the server sends nothing more to a pull request without
     * interest.
     */
    private void drain() {
        CompletableFuture<Boolean> drained;
        try {
            drained = inbox.drain(DRAIN_TIMEOUT);
        } catch (IllegalStateException | InterruptedException notConnected) {
            if (notConnected instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            unsubscribe();
            return;
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        System.err.println("DBG drain start pending=" + inbox.getPendingMessageCount() + " done=" + drained.isDone());
        int dbg = 0;
        try {
            while (!drained.isDone() && System.nanoTime() - deadline < 0) {
                io.nats.client.Message raw = inbox.nextMessage(Duration.ofMillis(10));
                if (raw != null && !raw.isStatusMessage()) {
                    giveBack(raw); dbg++;
                } else if (raw != null) { System.err.println("DBG status " + raw.getStatus()); }
            }
        } catch (IllegalStateException finished) {
            System.err.println("DBG ISE " + finished + " after " + dbg);
            // The drain completed and deactivated the inbox.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unsubscribe();
    }

    private void unsubscribe() {
        try {
            inbox.unsubscribe();
        } catch (IllegalStateException alreadyInactive) {
            // Drained, or the connection closed first.
        }
    }

    private void deleteConsumer() {
        try {
            consumers.delete(consumer);
        } catch (Exception e) {
            log.debug("could not delete the ephemeral consumer '{}' on '{}' (the server drops it after {}): {}",
                    consumer.name(), consumer.stream(), Consumers.EPHEMERAL_INACTIVITY, e.toString());
        }
    }
}
