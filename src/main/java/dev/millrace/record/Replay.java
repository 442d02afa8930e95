package dev.millrace.record;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running replay. Thread-safe: poll {@link #progress()} from any thread; {@link #cancel()} raises a flag (the
 * replay thread reads from H2 and is never interrupted) and wakes a replay that is waiting for a message's time.
 */
public final class Replay {
    /**
     * Metadata key added to every replayed message: {@code <session id>/<seq>} of the recorded entry it came from,
     * so that a replayed message can be told from a live one and traced back.
     */
    public static final String REPLAYED_FROM = "millrace_replayed_from";

    private final long sessionId;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile long total = -1;
    private volatile Throwable failure;

    Replay(long sessionId) {
        this.sessionId = sessionId;
    }

    public long sessionId() {
        return sessionId;
    }

    public ReplayProgress progress() {
        Throwable cause = failure;
        return new ReplayProgress(sessionId, total, processed.get(), sent.get(), isDone(), isCancelled(),
                cause == null ? null : String.valueOf(cause.getMessage()));
    }

    /** Stops after the message being published; what was sent stays sent. */
    public void cancel() {
        cancelled.countDown();
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** Waits until the replay has finished, been cancelled or failed; false if still running after {@code timeout}. */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    // --- the side the replay thread uses ---

    void total(long entries) {
        total = entries;
    }

    void processedOne() {
        processed.incrementAndGet();
    }

    void sent(int messages) {
        sent.addAndGet(messages);
    }

    /** Waits up to {@code nanos}; returns false when cancelled meanwhile. */
    boolean pause(long nanos) {
        try {
            return !cancelled.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            return false;
        }
    }

    void failed(Throwable cause) {
        failure = cause;
    }

    void finished() {
        done.countDown();
    }
}
