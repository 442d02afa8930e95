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
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription reading a JetStream pull consumer. It keeps pull requests outstanding on a private inbox so that
 * the next messages are already in the client when the reader asks, and acks and naks each message on its reply
 * subject.
 *
 * <p>On close, the messages it holds must go back to the consumer at once, not after the ack wait. A nak alone does
 * not do it: the server (2.9) keeps serving a pull request after its inbox is gone, so a nakked message would go
 * straight back to this subscription's own open request and be lost with it. So a closed subscription keeps its
 * inbox open in the background until its pull requests have ended (at most {@link #PULL_EXPIRES} later), holds
 * everything that still arrives, and only then naks it all and unsubscribes.
 */
final class JetStreamSubscription extends GatedSubscription<io.nats.client.Message> {
    private static final Logger log = LoggerFactory.getLogger(JetStreamSubscription.class);
    private static final byte[] ACK = "+ACK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAK = "-NAK".getBytes(StandardCharsets.US_ASCII);
    /**
     * Server-side life of a pull request: short, because it bounds how long a closed subscription holds messages
     * back and how long a request the server lost (restart) goes unnoticed; the tracker counts a request gone a
     * margin later.
     */
    static final Duration PULL_EXPIRES = Duration.ofSeconds(1);
    private static final Duration PULL_MARGIN = Duration.ofSeconds(1);
    /** How long the background release after close may take at most. */
    static final Duration RELEASE_TIMEOUT = PULL_EXPIRES.plus(PULL_MARGIN).plusSeconds(1);
    /** Pause before asking again after "no responders": the consumer or JetStream is not there (yet). */
    private static final long NO_RESPONDERS_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** After this many pull requests in a row went unanswered, the subscription asks whether its consumer exists. */
    private static final int UNANSWERED_BEFORE_CHECK = 2;
    private static final Duration FINAL_DRAIN_TIMEOUT = Duration.ofSeconds(1);

    private final NatsClient client;
    private final Consumers consumers;
    private final Consumers.Consumer consumer;
    private final Subscription inbox;
    private final String pullSubject;
    private final byte[] pullRequest;
    private final long requestBytes;
    private final PullTracker tracker;
    private final Runnable onReconnect;
    private final Releases releases;
    private final Consumer<JetStreamSubscription> onClose;
    private final Queue<io.nats.client.Message> held = new ConcurrentLinkedQueue<>();
    private volatile long pullPausedUntil = System.nanoTime();
    /** How many unanswered requests the last existence check saw; checks run once per newly unanswered request. */
    private int unansweredChecked;

    /**
     * @param apiPrefix       the JetStream API subject prefix, with its trailing dot ({@code $JS.API.} by default)
     * @param maxMessageBytes the largest message the server sends; a pull request asks for at most two of them in
     *                        bytes, so that a batch of large messages does not fill the heap
     */
    JetStreamSubscription(String topic, NatsClient client, String apiPrefix, Consumers consumers,
            Consumers.Consumer consumer, int batch, long maxMessageBytes, Releases releases,
            Consumer<JetStreamSubscription> onClose) {
        super(topic);
        this.client = client;
        this.consumers = consumers;
        this.consumer = consumer;
        this.releases = releases;
        this.onClose = onClose;
        Connection connection = client.connection();
        this.inbox = connection.subscribe(connection.createInbox());
        // The pull requests bound what the inbox holds; the client's own count limit must not drop any of it.
        inbox.setPendingLimits(0, 0);
        this.pullSubject = apiPrefix + "CONSUMER.MSG.NEXT." + consumer.stream() + "." + consumer.name();
        this.requestBytes = Math.multiplyExact(2, maxMessageBytes);
        this.pullRequest = ("{\"batch\":" + batch + ",\"expires\":" + PULL_EXPIRES.toNanos() + ",\"max_bytes\":"
                + requestBytes + "}").getBytes(StandardCharsets.US_ASCII);
        this.tracker = new PullTracker(batch, PULL_EXPIRES.plus(PULL_MARGIN).toNanos());
        this.onReconnect = tracker::reset;
        client.onReconnect(onReconnect);
    }

    @Override
    io.nats.client.Message fetch(long deadline) throws InterruptedException {
        while (!isClosed()) {
            pullIfLow();
            endIfConsumerGone();
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

    /** Asks for more while little is buffered or on its way, by count (the batch) and by bytes (large messages). */
    private void pullIfLow() {
        long now = System.nanoTime();
        if (now - pullPausedUntil < 0 || inbox.getPendingByteCount() >= requestBytes
                || !tracker.wantsMore(now, inbox.getPendingMessageCount())) {
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
                tracker.unanswered();
                pullPausedUntil = System.nanoTime() + NO_RESPONDERS_PAUSE_NANOS;
            }
            case Status.REQUEST_TIMEOUT_CODE, Status.NOT_FOUND_CODE -> tracker.ended();
            default -> {
                tracker.ended();
                log.warn("JetStream ended a pull request of consumer '{}' on stream '{}': {}", consumer.name(),
                        consumer.stream(), status.getMessageWithCode());
            }
        }
    }

    /**
     * Pull requests that go unanswered mean JetStream is not ready (a restart) or the consumer is gone (deleted by
     * someone, or an ephemeral one expired during a long disconnect): the server then drops requests silently. The
     * first passes; the second would leave the subscription waiting forever, so the subscription asks and, if its
     * consumer is gone, ends. Called only by the thread that fetches.
     */
    private void endIfConsumerGone() {
        int unanswered = tracker.unansweredInARow();
        if (unanswered < UNANSWERED_BEFORE_CHECK) {
            unansweredChecked = 0;
            return;
        }
        if (unanswered == unansweredChecked || client.connection().getStatus() != Connection.Status.CONNECTED) {
            return;
        }
        unansweredChecked = unanswered;
        if (consumers.isGone(consumer)) {
            log.error("consumer '{}' of stream '{}' no longer exists; the subscription to '{}' ends", consumer.name(),
                    consumer.stream(), topic());
            close();
        }
    }

    @Override
    Message toMessage(io.nats.client.Message raw) {
        HeaderCodec.Decoded decoded = HeaderCodec.decode(raw.getHeaders());
        AckSubject ack = AckSubject.parse(raw.getReplyTo());
        if (ack == null) {
            return fromMetaData(raw, decoded);
        }
        String id = decoded.id() != null ? decoded.id() : ack.stream() + ":" + ack.streamSequence();
        Message message = new Message(id, decoded.metadata(), raw.getData());
        message.withKey(decoded.key());
        message.setEnvelope(new Envelope(JetStreamAdapter.ID, raw.getSubject(), decoded.key(), Envelope.NONE,
                ack.streamSequence(), ack.timestamp(), Instant.now(), System.nanoTime(), ack.redelivered()));
        return message;
    }

    /** A reply subject of a form {@link AckSubject} does not know: jnats' slower but general reading of it. */
    private static Message fromMetaData(io.nats.client.Message raw, HeaderCodec.Decoded decoded) {
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

    /** Called only once closed: kept until the release, see the class comment. */
    @Override
    void giveBack(io.nats.client.Message raw) {
        held.add(raw);
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
        onClose.accept(this);
        if (consumer.ephemeral()) {
            // The consumer goes, and its unacked messages with it: nobody else reads them.
            unsubscribe();
            releases.start("millrace-jetstream-delete-" + consumer.name(), this::deleteConsumer);
        } else {
            releases.start("millrace-jetstream-release-" + consumer.name(), this::release);
        }
    }

    /** Holds what arrives until the pull requests have ended, then naks it all and unsubscribes. */
    private void release() {
        long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
        try {
            while (!tracker.idle(System.nanoTime()) && System.nanoTime() - deadline < 0) {
                io.nats.client.Message raw = inbox.nextMessage(SLICE);
                if (raw != null && raw.isStatusMessage()) {
                    onStatus(raw.getStatus());
                } else if (raw != null) {
                    held.add(raw);
                }
            }
            nakHeld();
            // Whatever was still on its way: the drain's flush makes sure it is here before the inbox goes.
            CompletableFuture<Boolean> drained = inbox.drain(FINAL_DRAIN_TIMEOUT);
            while (!drained.isDone()) {
                io.nats.client.Message raw = inbox.nextMessage(Duration.ofMillis(10));
                if (raw != null && !raw.isStatusMessage()) {
                    reply(raw, NAK);
                }
            }
        } catch (IllegalStateException inactive) {
            // The drain finished, or the connection closed: the server redelivers anything left after the ack wait.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            nakHeld();
            unsubscribe();
        }
    }

    private void nakHeld() {
        for (io.nats.client.Message raw = held.poll(); raw != null; raw = held.poll()) {
            reply(raw, NAK);
        }
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
