package dev.millrace.compare;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out what each producer sends next, shared by all producers of a run: warm-up messages first, then measured
 * ones with consecutive sequence numbers, until the workload's count or duration is used up. Lock-free, since
 * every producer asks before every message.
 */
final class Schedule {
    /** {@link #next} for a warm-up message. */
    static final long WARMUP = Stamps.WARMUP_SEQUENCE;
    /** {@link #next} when the run has sent everything. */
    static final long DONE = -2;

    private final Workload workload;
    private final long warmupEndNanos;
    private final AtomicLong warmupLeft;
    private final AtomicLong nextSequence = new AtomicLong();
    /** When the measured phase started; 0 while it has not. */
    private final AtomicLong measuredStartNanos = new AtomicLong();

    Schedule(Workload workload, long startNanos) {
        this.workload = workload;
        switch (workload.warmup()) {
            case Warmup.Timed timed -> {
                warmupEndNanos = startNanos + timed.duration().toNanos();
                warmupLeft = new AtomicLong();
            }
            case Warmup.Counted counted -> {
                warmupEndNanos = startNanos;
                warmupLeft = new AtomicLong(counted.messages());
            }
        }
    }

    /** {@link #WARMUP}, {@link #DONE} or the sequence number of the next measured message. */
    long next(long nowNanos) {
        if (nowNanos - warmupEndNanos < 0 || (warmupLeft.get() > 0 && warmupLeft.getAndDecrement() > 0)) {
            return WARMUP;
        }
        long started = measuredStartNanos.get();
        if (started == 0) {
            measuredStartNanos.compareAndSet(0, nowNanos);
            started = measuredStartNanos.get();
        }
        if (!workload.counted() && nowNanos - started >= workload.duration().toNanos()) {
            return DONE;
        }
        long sequence = nextSequence.getAndIncrement();
        return workload.counted() && sequence >= workload.messages() ? DONE : sequence;
    }

    boolean measuring() {
        return measuredStartNanos.get() != 0;
    }

    /** When the measured phase started, or 0 if it has not. */
    long measuredStartNanos() {
        return measuredStartNanos.get();
    }
}
