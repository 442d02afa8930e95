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
 *
 * <p>Requests that end without any answer (dropped at their expiry, or "no responders") are counted in a row: a
 * consumer that no longer exists answers nothing at all.
 */
final class PullTracker {
    private final int batch;
    private final long lifetimeNanos;
    private final ArrayDeque<Pull> outstanding = new ArrayDeque<>();
    private int unansweredInARow;

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

    /**
     * Whether to send another request now: when less than half a batch is buffered in the client or still on its
     * way. Counting the buffer too keeps a slow reader from piling up batch after batch.
     */
    synchronized boolean wantsMore(long now, long buffered) {
        dropExpired(now);
        long ahead = buffered;
        for (Pull pull : outstanding) {
            ahead += pull.remaining;
        }
        return ahead <= batch / 2;
    }

    synchronized void requested(long now) {
        outstanding.addLast(new Pull(batch, now + lifetimeNanos));
    }

    /** A message arrived: it belongs to the oldest request. */
    synchronized void delivered() {
        unansweredInARow = 0;
        Pull oldest = outstanding.peekFirst();
        if (oldest != null && --oldest.remaining <= 0) {
            outstanding.removeFirst();
        }
    }

    /** The server ended a request early (expired, or a limit was reached). */
    synchronized void ended() {
        unansweredInARow = 0;
        outstanding.pollFirst();
    }

    /** Nobody took the oldest request ("no responders"). */
    synchronized void unanswered() {
        unansweredInARow++;
        outstanding.pollFirst();
    }

    /** Requests that ended without an answer since the last message or status that came back. */
    synchronized int unansweredInARow() {
        return unansweredInARow;
    }

    /** Forgets every request: after a reconnect the server may not know them any more. */
    synchronized void reset() {
        unansweredInARow = 0;
        outstanding.clear();
    }

    /** Whether no request can still deliver anything. */
    synchronized boolean idle(long now) {
        dropExpired(now);
        return outstanding.isEmpty();
    }

    private void dropExpired(long now) {
        while (!outstanding.isEmpty() && now - outstanding.peekFirst().deadline > 0) {
            outstanding.removeFirst();
            unansweredInARow++;
        }
    }
}
