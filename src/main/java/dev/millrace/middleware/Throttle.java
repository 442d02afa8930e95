package dev.millrace.middleware;

import dev.millrace.message.Message;
import dev.millrace.router.HandlerFunction;
import dev.millrace.router.Middleware;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limits how many messages are handled per unit of time: {@code count} per {@code per}, spaced evenly. One limiter
 * is shared by every handler and worker the instance wraps; each message waits for its own slot. Idle time does
 * not bank slots, so there are no bursts after a quiet period. If the message's context ends while it waits, it
 * fails with a {@link CancellationException} and is nacked.
 */
public final class Throttle implements Middleware {
    private final int count;
    private final Duration per;
    private final long intervalNanos;
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());

    public Throttle(int count, Duration per) {
        Objects.requireNonNull(per, "per");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        if (per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("per must be positive: " + per);
        }
        this.count = count;
        this.per = per;
        this.intervalNanos = per.toNanos() / count;
    }

    public int count() {
        return count;
    }

    public Duration per() {
        return per;
    }

    @Override
    public HandlerFunction wrap(HandlerFunction next) {
        return message -> {
            awaitSlot(message);
            return next.handle(message);
        };
    }

    private void awaitSlot(Message message) throws InterruptedException {
        long now = System.nanoTime();
        long slot;
        while (true) {
            long free = nextSlot.get();
            slot = free - now > 0 ? free : now;
            if (nextSlot.compareAndSet(free, slot + intervalNanos)) {
                break;
            }
        }
        if (!Waits.sleep(message.context(), slot - now)) {
            throw new CancellationException("the message's context ended while it waited for its throttle slot: "
                    + message.context().cause().orElse("done"));
        }
    }
}
