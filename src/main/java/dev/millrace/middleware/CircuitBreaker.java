package dev.millrace.middleware;

import dev.millrace.message.Message;
import dev.millrace.router.HandlerFunction;
import dev.millrace.router.Middleware;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling a handler that keeps failing. After {@code failureThreshold} consecutive failures the breaker
 * opens and every message fails at once with a {@link CircuitOpenException}. After {@code openDuration} it is
 * half-open: one message goes through as a probe while the others still fail fast; the probe's success closes the
 * breaker, its failure opens it again. Since a failed message is nacked and may come straight back, pair it with
 * {@link DelayOnError} outside it to slow the redeliveries down. One instance is one breaker, shared by everything
 * it wraps.
 */
public final class CircuitBreaker implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final Duration openDuration;
    private final LongSupplier nanoClock;
    private final Object lock = new Object();
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean probing;
    /** Bumped on every state change, so results of calls let through in an earlier state are ignored. */
    private long generation;

    public CircuitBreaker(int failureThreshold, Duration openDuration) {
        this(failureThreshold, openDuration, System::nanoTime);
    }

    CircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier nanoClock) {
        Objects.requireNonNull(openDuration, "openDuration");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1: " + failureThreshold);
        }
        if (openDuration.isNegative()) {
            throw new IllegalArgumentException("openDuration must not be negative: " + openDuration);
        }
        this.failureThreshold = failureThreshold;
        this.openDuration = openDuration;
        this.nanoClock = nanoClock;
    }

    /** The current state; an open breaker whose time is up reports {@code HALF_OPEN} once a probe is let in. */
    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    @Override
    public HandlerFunction wrap(HandlerFunction next) {
        return message -> {
            long permit = acquire();
            List<Message> produced;
            try {
                produced = next.handle(message);
            } catch (Throwable failure) {
                onFailure(permit);
                throw failure;
            }
            onSuccess(permit);
            return produced;
        };
    }

    private long acquire() {
        synchronized (lock) {
            switch (state) {
                case CLOSED -> {
                    return generation;
                }
                case OPEN -> {
                    long remaining = openDuration.toNanos() - (nanoClock.getAsLong() - openedAt);
                    if (remaining > 0) {
                        throw new CircuitOpenException(Duration.ofNanos(remaining));
                    }
                    moveTo(State.HALF_OPEN);
                    probing = true;
                    return generation;
                }
                default -> {
                    if (probing) {
                        throw new CircuitOpenException(Duration.ZERO);
                    }
                    probing = true;
                    return generation;
                }
            }
        }
    }

    private void onSuccess(long permit) {
        synchronized (lock) {
            if (permit != generation) {
                return;
            }
            consecutiveFailures = 0;
            if (state == State.HALF_OPEN) {
                moveTo(State.CLOSED);
            }
        }
    }

    private void onFailure(long permit) {
        synchronized (lock) {
            if (permit != generation) {
                return;
            }
            consecutiveFailures++;
            if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
                openedAt = nanoClock.getAsLong();
                moveTo(State.OPEN);
            }
        }
    }

    /** Callers hold {@link #lock}. */
    private void moveTo(State target) {
        if (target != state) {
            log.info("circuit breaker {} -> {}", state, target);
        }
        state = target;
        generation++;
        probing = false;
        if (target == State.CLOSED) {
            consecutiveFailures = 0;
        }
    }
}
