package dev.millrace.broker.nats;

import io.nats.client.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Flushes shared by the threads of one connection, like a group commit: a thread that needs the server to have
 * processed what it sent waits for a flush that started after its send. Up to {@link #MAX_IN_FLIGHT} flushes (PINGs)
 * are out at once, so the threads that arrive while one flush is on the wire get their own flush right away instead
 * of waiting a full round trip for it to come back; the server answers PINGs in order, so a later PONG also confirms
 * everything an earlier PING covered. jnats counts flush PINGs against its stale-connection limit, which
 * {@link NatsSettings} raises by the same amount.
 */
final class Flusher {
    /**
     * Flushes on the wire at once: enough that a publishing thread rarely waits for a slot, few enough that the
     * stale-connection limit stays meaningful (it is raised by this much, see {@link NatsSettings}).
     */
    static final int MAX_IN_FLIGHT = 4;

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    /** Tickets handed out: one per call, taken after the caller's sends. */
    private long issued;
    /** Every ticket up to this one is covered by a flush that has been started. */
    private long started;
    /** Every ticket up to this one is covered by a completed flush. */
    private long confirmed;
    private int inFlight;

    Flusher(Connection connection) {
        this.connection = connection;
    }

    /** Returns once the server has processed everything this thread sent before calling. */
    void await(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long covered;
        lock.lock();
        try {
            long ticket = ++issued;
            while (true) {
                if (confirmed >= ticket) {
                    return;
                }
                if (started < ticket && inFlight < MAX_IN_FLIGHT) {
                    inFlight++;
                    started = issued;
                    covered = issued;
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no flush confirmed within " + timeout.toMillis() + " ms");
                }
                progress.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        flush(covered, deadline);
    }

    /** Runs one flush for every ticket up to {@code covered}; the caller holds one of the in-flight slots. */
    private void flush(long covered, long deadline) throws TimeoutException, InterruptedException {
        boolean flushed = false;
        try {
            connection.flush(Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1),
                    deadline - System.nanoTime())));
            flushed = true;
        } finally {
            lock.lock();
            try {
                inFlight--;
                if (flushed) {
                    confirmed = Math.max(confirmed, covered);
                } else {
                    // The tickets this flush covered are not confirmed: let their owners start another one.
                    started = confirmed;
                }
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
