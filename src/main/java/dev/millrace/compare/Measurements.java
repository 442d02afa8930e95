package dev.millrace.compare;

import dev.millrace.message.Message;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counters and latency recorders of one broker's run. Producers and consumers write from their own threads;
 * one monitoring thread reads, through {@link #sample()}, which moves the recorders' intervals into the totals.
 */
final class Measurements {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder endToEnd = new Recorder(SIGNIFICANT_DIGITS);
    private final Recorder publishLatency = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram endToEndTotal = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram publishTotal = new Histogram(SIGNIFICANT_DIGITS);
    private final AtomicLong warmupSent = new AtomicLong();
    private final AtomicLong warmupReceived = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicLong firstReceiveNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastReceiveNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastPublishNanos = new AtomicLong(Long.MIN_VALUE);
    /** Which measured sequence numbers arrived; guarded by itself. */
    private final BitSet seen = new BitSet();
    private long received;

    /** A publish call that started at {@code startNanos} returned successfully at {@code endNanos}. */
    void published(long sequence, long startNanos, long endNanos) {
        if (sequence == Stamps.WARMUP_SEQUENCE) {
            warmupSent.incrementAndGet();
            return;
        }
        sent.incrementAndGet();
        publishLatency.recordValue(Math.max(0, endNanos - startNanos));
        lastPublishNanos.accumulateAndGet(endNanos, Math::max);
    }

    /** A publish call carrying {@code messages} messages failed; each of them counts as an error. */
    void publishFailed(RuntimeException failure, int messages) {
        errors.addAndGet(messages);
        firstError.compareAndSet(null, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    /** A measuring consumer got {@code message} at {@code nowNanos}. */
    void received(Message message, long nowNanos) {
        long sequence = Stamps.sequence(message);
        if (sequence == Stamps.WARMUP_SEQUENCE) {
            warmupReceived.incrementAndGet();
            return;
        }
        if (sequence < 0 || sequence > Integer.MAX_VALUE) {
            return;
        }
        boolean first;
        synchronized (seen) {
            first = !seen.get((int) sequence);
            if (first) {
                seen.set((int) sequence);
                received++;
            }
        }
        if (!first) {
            duplicates.incrementAndGet();
            return;
        }
        long sentNanos = Stamps.sentNanos(message);
        if (sentNanos != Stamps.FOREIGN) {
            endToEnd.recordValue(Math.max(0, nowNanos - sentNanos));
        }
        firstReceiveNanos.accumulateAndGet(nowNanos, Math::min);
        lastReceiveNanos.accumulateAndGet(nowNanos, Math::max);
    }

    long sent() {
        return sent.get();
    }

    long received() {
        synchronized (seen) {
            return received;
        }
    }

    long warmupSent() {
        return warmupSent.get();
    }

    long warmupReceived() {
        return warmupReceived.get();
    }

    long errors() {
        return errors.get();
    }

    /**
     * Moves what was recorded since the last call into the totals; returns the end-to-end latencies of that interval.
     * Called by one thread only.
     */
    Histogram sample() {
        Histogram interval = endToEnd.getIntervalHistogram();
        endToEndTotal.add(interval);
        publishTotal.add(publishLatency.getIntervalHistogram());
        return interval;
    }

    /** The metrics of the measured phase, which started at {@code measuredStartNanos}. */
    Metrics metrics(long measuredStartNanos) {
        sample();
        long sentCount = sent.get();
        long receivedCount = received();
        double publishSeconds = sentCount == 0 ? 0 : (lastPublishNanos.get() - measuredStartNanos) / 1e9;
        double consumeSeconds = receivedCount < 2 ? 0 : (lastReceiveNanos.get() - firstReceiveNanos.get()) / 1e9;
        return new Metrics(sentCount, receivedCount, duplicates.get(), errors.get(), firstError.get(),
                warmupSent.get(), warmupReceived.get(), rate(sentCount, publishSeconds),
                rate(receivedCount - 1, consumeSeconds), publishSeconds, LatencySummary.of(endToEndTotal),
                LatencySummary.of(publishTotal));
    }

    private static double rate(long messages, double seconds) {
        return seconds <= 0 || messages <= 0 ? 0 : messages / seconds;
    }
}
