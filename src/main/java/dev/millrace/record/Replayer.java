package dev.millrace.record;

import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a recorded session, or the part a filter selects, to any broker: each message with its recorded id, key,
 * metadata (plus {@link Replay#REPLAYED_FROM}) and payload, to the topic the mapping gives, in sequence order, at
 * the chosen timing. Thread-safe; each replay runs on a thread of its own.
 */
public final class Replayer {
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    /** Messages and payload bytes per publish call when sending as fast as possible. */
    private static final int BATCH_MESSAGES = 100;
    private static final long BATCH_BYTES = 1L << 20;

    private final SessionQuery query;
    private final Set<Replay> running = ConcurrentHashMap.newKeySet();

    Replayer(SessionQuery query) {
        this.query = query;
    }

    /** Starts the replay and returns at once. */
    public Replay start(ReplayRequest request) {
        query.session(request.sessionId())
                .orElseThrow(() -> new IllegalArgumentException("no session " + request.sessionId()));
        Replay replay = new Replay(request.sessionId());
        running.add(replay);
        Thread thread = new Thread(() -> run(request, replay), "millrace-replay-" + request.sessionId());
        thread.setDaemon(true);
        thread.start();
        return replay;
    }

    private void run(ReplayRequest request, Replay replay) {
        try (Publisher publisher = request.target().newPublisher()) {
            MessageFilter filter = request.filter();
            replay.total(query.count(request.sessionId(), filter.needsRowCheck()
                    ? new MessageFilter(filter.topic(), filter.from(), filter.to(), filter.key(), null, null,
                            filter.correlationId(), null)
                    : filter));
            new Sender(request, replay, publisher).sendAll();
            LOG.info("replayed session {}: {}", request.sessionId(), replay.progress());
        } catch (RuntimeException e) {
            LOG.error("replay of session {} failed", request.sessionId(), e);
            replay.failed(e);
        } finally {
            running.remove(replay);
            replay.finished();
        }
    }

    /** The replays that have not finished yet. */
    public List<Replay> running() {
        return List.copyOf(running);
    }

    /** Cancels every running replay and waits up to {@code timeout} for each to end. */
    void cancelAll(Duration timeout) {
        List<Replay> replays = running();
        replays.forEach(Replay::cancel);
        for (Replay replay : replays) {
            try {
                replay.awaitCompletion(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The sending loop of one replay. */
    private final class Sender {
        private final ReplayRequest request;
        private final Replay replay;
        private final Publisher publisher;
        private final double speed;
        private final List<Message> pending = new ArrayList<>();
        private String pendingTopic;
        private long pendingBytes;
        private long startNanos;
        private long firstRecordedNanos = Long.MIN_VALUE;

        Sender(ReplayRequest request, Replay replay, Publisher publisher) {
            this.request = request;
            this.replay = replay;
            this.publisher = publisher;
            this.speed = switch (request.timing()) {
                case ReplayTiming.AsFastAsPossible fast -> 0;
                case ReplayTiming.Original original -> 1;
                case ReplayTiming.Scaled scaled -> scaled.speed();
            };
        }

        void sendAll() {
            startNanos = System.nanoTime();
            query.forEach(request.sessionId(), request.filter(), 0, entry -> {
                if (replay.isCancelled()) {
                    return false;
                }
                replay.processedOne();
                return !(entry instanceof RecordedMessage message) || send(message);
            });
            flush();
        }

        private boolean send(RecordedMessage recorded) {
            Message message = recorded.toMessage();
            message.metadata().set(Replay.REPLAYED_FROM, recorded.sessionId() + "/" + recorded.seq());
            String topic = request.mapping().target(recorded.topic());
            if (speed > 0) {
                if (!waitForTimeOf(recorded)) {
                    return false;
                }
                publisher.publish(topic, message);
                replay.sent(1);
                return true;
            }
            if (!topic.equals(pendingTopic) || pending.size() >= BATCH_MESSAGES || pendingBytes >= BATCH_BYTES) {
                flush();
            }
            pendingTopic = topic;
            pending.add(message);
            pendingBytes += message.payload().length;
            return true;
        }

        /** Waits until the message's recorded offset from the first one, divided by the speed, has passed. */
        private boolean waitForTimeOf(RecordedMessage recorded) {
            long recordedNanos = EpochNanos.of(recorded.receivedAt());
            if (firstRecordedNanos == Long.MIN_VALUE) {
                firstRecordedNanos = recordedNanos;
            }
            long due = startNanos + (long) ((recordedNanos - firstRecordedNanos) / speed);
            long wait = due - System.nanoTime();
            return wait <= 0 ? !replay.isCancelled() : replay.pause(wait);
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            publisher.publish(pendingTopic, List.copyOf(pending));
            replay.sent(pending.size());
            pending.clear();
            pendingBytes = 0;
        }
    }
}
