package dev.millrace.middleware;

import dev.millrace.message.Context;
import dev.millrace.router.HandlerFunction;
import dev.millrace.router.Middleware;
import java.time.Duration;
import java.util.Objects;

/**
 * Gives the message's context a deadline: after {@code timeout} it is done with the cause "deadline exceeded".
 * Handlers that watch the context stop early; one that ignores it runs on, since a thread cannot be stopped
 * safely. The narrowed context lives only while the inner handler runs; the message gets its own back after.
 */
public final class Timeout implements Middleware {
    private final Duration timeout;

    public Timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public HandlerFunction wrap(HandlerFunction next) {
        return message -> {
            Context original = message.context();
            Context limited = original.withTimeout(timeout);
            message.setContext(limited);
            try {
                return next.handle(message);
            } finally {
                // Frees the timer and detaches from the parent instead of waiting for the deadline to fire.
                limited.cancel("handler finished");
                message.setContext(original);
            }
        };
    }
}
