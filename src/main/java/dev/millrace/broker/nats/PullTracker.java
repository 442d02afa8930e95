package dev.millrace.broker.nats;

import java.util.ArrayDeque;

/**
 * Book-keeping of a subscription's outstanding JetStream pull requests, so that it asks for more before its reader
 * runs dry, but never holds more than about two batches.
 *
 * <p>The server serves a consumer's pull requests first come, first served, and all of ours expire after the same
 * time, so messages and end-of-request statuses (408 expired, 409 limits) are counted against the oldest request. A
 * request the server forgot (it restarted) is dropped once its expiry has passed; a reconnect drops them all at
 * once through {@link #reset()}.
 */
final class PullTracker {
    private final int batch;
    private final long lifetimeNanos;
    private final ArrayDeque<Pull> outstanding = new ArrayDeque<>();

    private static final class Pull {
        private final long deadline;
        private int remaining;

        Pull(int remaining, long deadline) {
            this.remaining = remaining;
            this.deadline = deadline;
        }
    }

    /**
     * @param batch         messages per request
     * @param lifetimeNanos how long after sending a request is certainly over (its expiry plus a margin)
     */
    PullTracker(int batch, long lifetimeNanos) {
        this.batch = batch;
        this.lifetimeNanos = lifetimeNanos;
    }

    /** Whether to send another request now: when less than half a batch is still on its way. */
    synchronized boolean wantsMore(long now) {
        dropExpired(now);
        long promised = 0;
        for (Pull pull : outstanding) {
            promised += pull.remaining;
        }
        return promised <= batch / 2;
    }

    synchronized void requested(long now) {
        outstanding.addLast(new Pull(batch, now + lifetimeNanos));
    }

    /** A message arrived: it belongs to the oldest request. */
    synchronized void delivered() {
        Pull oldest = outstanding.peekFirst();
        if (oldest != null && --oldest.remaining <= 0) {
            outstanding.removeFirst();
        }
    }

    /** The server ended a request early (expired, or a limit was reached). */
    synchronized void ended() {
        outstanding.pollFirst();
    }

    /** Forgets every request: after a reconnect the server may not know them any more. */
    synchronized void reset() {
        outstanding.clear();
    }

    /** Whether no request can still deliver anything. */
    synchronized boolean idle(long now) {
        dropExpired(now);
        return outstanding.isEmpty();
    }

    int batch() {
        return batch;
    }

    private void dropExpired(long now) {
        while (!outstanding.isEmpty() && now - outstanding.peekFirst().deadline > 0) {
            outstanding.removeFirst();
        }
    }
}
