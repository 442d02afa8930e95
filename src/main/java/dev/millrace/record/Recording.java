package dev.millrace.record;

import dev.millrace.message.Message;
import dev.millrace.message.Subscriber;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running recording: subscriber threads hand received messages through a bounded queue to one writer thread,
 * which inserts them in batches, one transaction per batch, and only after the commit acks them to the broker.
 *
 * <p>Thread-safe. {@link #stats()} is cheap and may be polled from any thread; {@link #stop()} only raises a flag
 * and returns at once (no thread is ever interrupted: interrupting a thread in the middle of H2 I/O can corrupt the
 * file); {@link #awaitTermination} waits for the flush.
 */
public final class Recording implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recording.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final long sessionId;
    private final boolean ackAfterCommit;
    private final long messageLimit;
    private final CaptureQueue queue;
    private final Subscriber subscriber;
    private final Consumer<Recording> onTermination;
    private final AtomicLong received = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicLong> pendingDrops = new ConcurrentHashMap<>();
    private final AtomicInteger activeReaders = new AtomicInteger();
    private final List<RecordingListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile long recorded;
    private volatile long droppedCommitted;
    private volatile boolean stopRequested;
    private volatile RecordingState state = RecordingState.RECORDING;
    private volatile Throwable failure;

    Recording(long sessionId, boolean ackAfterCommit, RecorderSettings settings, Subscriber subscriber,
            Consumer<Recording> onTermination) {
        this.sessionId = sessionId;
        this.ackAfterCommit = ackAfterCommit;
        this.messageLimit = settings.messageLimit();
        this.queue = new CaptureQueue(settings.queueCapacity(), settings.queueBytes());
        this.subscriber = subscriber;
        this.onTermination = onTermination;
    }

    public long sessionId() {
        return sessionId;
    }

    /**
     * True when the broker has acknowledgements and messages are acked only once committed (at-least-once into the
     * store); false when they are acked on receipt and an overflow is dropped and recorded as a {@link GapMarker}.
     */
    public boolean acksAfterCommit() {
        return ackAfterCommit;
    }

    public RecordingStats stats() {
        Throwable cause = failure;
        return new RecordingStats(sessionId, state, received.get(), recorded, dropped(), queue.size(),
                cause == null ? null : String.valueOf(cause.getMessage()));
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Adds a listener told after every commit and at the end; see {@link RecordingListener}. */
    public void addListener(RecordingListener listener) {
        listeners.add(listener);
    }

    public void removeListener(RecordingListener listener) {
        listeners.remove(listener);
    }

    /** Asks the recording to stop: received messages are still written and acked, then the session is complete. */
    public void stop() {
        if (!stopRequested) {
            stopRequested = true;
            if (state == RecordingState.RECORDING) {
                state = RecordingState.STOPPING;
            }
        }
    }

    /** Waits until the recording has stopped (or failed); false if it is still running after {@code timeout}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    /** Stops and waits up to a minute for the flush. */
    @Override
    public void close() {
        stop();
        try {
            if (!awaitTermination(CLOSE_TIMEOUT)) {
                LOG.warn("recording of session {} did not finish within {}", sessionId, CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- the side the reader and writer threads use ---

    CaptureQueue queue() {
        return queue;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Whether received messages are still wanted (not after a failure or once the message limit is reached). */
    boolean accepting() {
        return state != RecordingState.FAILED && !limitReached();
    }

    boolean limitReached() {
        return messageLimit > 0 && recorded >= messageLimit;
    }

    long messageLimit() {
        return messageLimit;
    }

    void readerStarted() {
        activeReaders.incrementAndGet();
    }

    void readerFinished() {
        activeReaders.decrementAndGet();
    }

    boolean readersDone() {
        return activeReaders.get() == 0;
    }

    void countReceived() {
        received.incrementAndGet();
    }

    long received() {
        return received.get();
    }

    void countDrop(String topic) {
        pendingDrops.computeIfAbsent(topic, key -> new AtomicLong()).incrementAndGet();
    }

    ConcurrentHashMap<String, AtomicLong> pendingDrops() {
        return pendingDrops;
    }

    long recorded() {
        return recorded;
    }

    long droppedCommitted() {
        return droppedCommitted;
    }

    void committed(int messages, long drops) {
        recorded += messages;
        droppedCommitted += drops;
        if (limitReached()) {
            stop();
        }
    }

    /** Hands a message the recording will not write back to the broker: redelivered where the broker can. */
    void giveBack(Message message) {
        if (ackAfterCommit) {
            message.nack();
        }
    }

    void failed(Throwable cause) {
        failure = cause;
        state = RecordingState.FAILED;
        stopRequested = true;
    }

    void completed() {
        state = RecordingState.COMPLETE;
    }

    void notifyListeners() {
        if (listeners.isEmpty()) {
            return;
        }
        RecordingStats stats = stats();
        for (RecordingListener listener : listeners) {
            try {
                listener.onProgress(stats);
            } catch (RuntimeException e) {
                LOG.warn("a recording listener failed", e);
            }
        }
    }

    void terminated() {
        try {
            subscriber.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the subscriber of session {} failed", sessionId, e);
        }
        notifyListeners();
        terminated.countDown();
        onTermination.accept(this);
    }

    private long dropped() {
        long pending = 0;
        for (AtomicLong count : pendingDrops.values()) {
            pending += count.get();
        }
        return droppedCommitted + pending;
    }
}
