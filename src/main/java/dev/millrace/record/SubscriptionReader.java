package dev.millrace.record;

import dev.millrace.message.Message;
import dev.millrace.message.Subscription;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber thread of a recording: pulls messages from one stream of a subscription and hands them to the
 * writer. With acknowledgements it waits for room in the queue (the broker keeps the rest); without, it acks at once
 * and counts a drop when the queue is full, because blocking would only make the broker or its client drop instead,
 * silently.
 */
final class SubscriptionReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionReader.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Recording recording;
    private final Subscription subscription;
    private final String topic;

    SubscriptionReader(Recording recording, Subscription subscription, String topic) {
        this.recording = recording;
        this.subscription = subscription;
        this.topic = topic;
    }

    @Override
    public void run() {
        try {
            while (!recording.stopRequested()) {
                Message message = subscription.receive(POLL);
                if (message == null) {
                    if (subscription.isClosed()) {
                        if (!recording.stopRequested()) {
                            LOG.warn("the subscription to '{}' of session {} was closed by the broker side",
                                    topic, recording.sessionId());
                        }
                        return;
                    }
                    continue;
                }
                recording.countReceived();
                if (!recording.accepting()) {
                    recording.giveBack(message);
                    return;
                }
                hand(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("reading '{}' for session {} failed", topic, recording.sessionId(), e);
            recording.failed(e);
        } finally {
            recording.readerFinished();
        }
    }

    private void hand(Message message) throws InterruptedException {
        Captured captured = new Captured(message, topic);
        if (recording.acksAfterCommit()) {
            while (!recording.queue().offer(captured, POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (!recording.accepting()) {
                    message.nack();
                    return;
                }
            }
        } else {
            message.ack();
            if (!recording.queue().offer(captured)) {
                recording.countDrop(topic);
            }
        }
    }
}
