package dev.millrace.broker.nats;

import io.nats.client.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Flushes shared by the threads of one connection, like a group commit: a thread that needs the server to have
 * processed what it sent waits for the next flush that started after its send, and at most one flush (one PING) is
 * out at a time. jnats counts flush PINGs against its stale-connection limit (two by default), so many threads
 * flushing at once would otherwise make the client drop a healthy connection.
 */
final class Flusher {
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();
    /** Tickets handed out: one per call, taken after the caller's sends. */
    private long issued;
    /** Every ticket up to this one is covered by a completed flush. */
    private long confirmed;
    private boolean flushing;

    Flusher(Connection connection) {
        this.connection = connection;
    }

    /** Returns once the server has processed everything this thread sent before calling. */
    void await(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long ticket;
        lock.lock();
        try {
            ticket = ++issued;
            while (true) {
                if (confirmed >= ticket) {
                    return;
                }
                if (!flushing) {
                    flushing = true;
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no flush confirmed within " + timeout.toMillis() + " ms");
                }
                done.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        flushEverythingIssued(deadline);
    }

    /** Runs one flush for every ticket issued so far; the caller holds the {@code flushing} flag. */
    private void flushEverythingIssued(long deadline) throws TimeoutException, InterruptedException {
        long covered;
        lock.lock();
        try {
            covered = issued;
        } finally {
            lock.unlock();
        }
        boolean flushed = false;
        try {
            connection.flush(Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1),
                    deadline - System.nanoTime())));
            flushed = true;
        } finally {
            lock.lock();
            try {
                flushing = false;
                if (flushed) {
                    confirmed = Math.max(confirmed, covered);
                }
                done.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
