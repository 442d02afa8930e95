package dev.millrace.conformance;

import dev.millrace.message.Message;
import dev.millrace.message.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads subscriptions on one virtual thread each until it holds the expected number of messages or none has come
 * for an idle timeout (a gap between messages, not a deadline for all of them).
 *
 * <p>It acks every message it keeps and, when de-duplicating, every duplicate too. A message that arrives after it
 * has stopped is nacked rather than dropped, so that a broker with redelivery hands it to the next reader and a
 * test that reads a stream in parts loses nothing between the parts.
 */
final class MessageCollector {
    /** How often a reader checks whether the collector has stopped. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final int expected;
    private final boolean deduplicate;
    private final List<Message> kept = new ArrayList<>();
    private final Set<String> keptIds = new HashSet<>();
    private int deliveries;
    private long lastProgress = System.nanoTime();
    private boolean stopped;
    private Throwable failure;

    private MessageCollector(int expected, boolean deduplicate) {
        this.expected = expected;
        this.deduplicate = deduplicate;
    }

    static Received collect(Subscription subscription, int expected, Duration idleTimeout, boolean deduplicate)
            throws InterruptedException {
        return collect(List.of(subscription), expected, idleTimeout, deduplicate);
    }

    /** Reads {@code subscriptions} together until {@code expected} messages arrived or they idled out. */
    static Received collect(List<Subscription> subscriptions, int expected, Duration idleTimeout, boolean deduplicate)
            throws InterruptedException {
        return new MessageCollector(expected, deduplicate).run(subscriptions, idleTimeout);
    }

    private Received run(List<Subscription> subscriptions, Duration idleTimeout) throws InterruptedException {
        List<Thread> readers = new ArrayList<>();
        try {
            for (Subscription subscription : subscriptions) {
                readers.add(Thread.ofVirtual().name("collector-" + subscription.topic())
                        .start(() -> read(subscription)));
            }
            awaitEnough(idleTimeout);
        } finally {
            stop();
            for (Thread reader : readers) {
                reader.join();
            }
        }
        synchronized (this) {
            if (failure != null) {
                throw new AssertionError("reading a subscription failed", failure);
            }
            return new Received(List.copyOf(kept), deliveries);
        }
    }

    private synchronized void awaitEnough(Duration idleTimeout) throws InterruptedException {
        long idleNanos = idleTimeout.toNanos();
        while (!stopped && failure == null) {
            long idleFor = System.nanoTime() - lastProgress;
            if (idleFor >= idleNanos) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, idleNanos - idleFor);
        }
    }

    private void read(Subscription subscription) {
        try {
            while (!isStopped()) {
                Message message = subscription.receive(POLL);
                if (message == null) {
                    if (subscription.isClosed()) {
                        return;
                    }
                } else if (keep(message)) {
                    message.ack();
                } else {
                    message.nack();
                }
            }
        } catch (Throwable e) {
            synchronized (this) {
                if (failure == null) {
                    failure = e;
                }
                notifyAll();
            }
        }
    }

    private synchronized boolean keep(Message message) {
        if (stopped) {
            return false;
        }
        deliveries++;
        lastProgress = System.nanoTime();
        if (!deduplicate || keptIds.add(message.id())) {
            kept.add(message);
        }
        if (kept.size() >= expected) {
            stopped = true;
            notifyAll();
        }
        return true;
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    private synchronized void stop() {
        stopped = true;
        notifyAll();
    }
}
