package dev.millrace.middleware;

import java.time.Duration;

/** The {@link CircuitBreaker} is open: the handler was not called, and the message is nacked at once. */
public class CircuitOpenException extends RuntimeException {
    private final Duration retryAfter;

    public CircuitOpenException(Duration retryAfter) {
        super(retryAfter.isZero() ? "circuit breaker is half-open and already probing"
                : "circuit breaker is open; next probe in " + retryAfter.toMillis() + " ms");
        this.retryAfter = retryAfter;
    }

    /** Time until the breaker lets a probe through; zero while a probe is already running. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
