package dev.millrace.middleware;

import dev.millrace.message.Message;
import dev.millrace.router.HandlerFunction;
import dev.millrace.router.Middleware;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handler again when it throws an exception, with exponential backoff: at most {@code maxRetries + 1}
 * attempts, the first at once, the n-th retry after {@code initialInterval * multiplier^(n-1)} (capped at
 * {@code maxInterval}, spread by {@code randomizationFactor}). It gives up early when the next wait would pass
 * {@code maxElapsedTime}, when {@code shouldRetry} says no, or when the message's context ends; it then throws the
 * last failure. Errors (not exceptions) and interrupts are not retried: add a {@link Recoverer} inside the retry to
 * retry panics too.
 */
public final class Retry implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(Retry.class);

    /**
     * One planned retry, given to {@code shouldRetry} and {@code onRetry}.
     *
     * @param retryNumber which retry this would be, from 1
     * @param error       the failure of the attempt before it
     * @param delay       how long the retry waits before it runs
     */
    public record Attempt(int retryNumber, Throwable error, Duration delay) {
    }

    private final int maxRetries;
    private final Duration initialInterval;
    private final double multiplier;
    private final Duration maxInterval;
    private final Duration maxElapsedTime;
    private final double randomizationFactor;
    private final Predicate<Attempt> shouldRetry;
    private final Consumer<Attempt> onRetry;

    private Retry(Builder builder) {
        this.maxRetries = builder.maxRetries;
        this.initialInterval = builder.initialInterval;
        this.multiplier = builder.multiplier;
        this.maxInterval = builder.maxInterval;
        this.maxElapsedTime = builder.maxElapsedTime;
        this.randomizationFactor = builder.randomizationFactor;
        this.shouldRetry = builder.shouldRetry;
        this.onRetry = builder.onRetry;
    }

    /**
     * Defaults: 3 retries, initial interval 100 ms, multiplier 2, max interval 10 s, no elapsed-time limit,
     * randomization 0.5, retry every exception, no hook.
     */
    public static Builder builder() {
        return new Builder();
    }

    public int maxRetries() {
        return maxRetries;
    }

    @Override
    public HandlerFunction wrap(HandlerFunction next) {
        return message -> {
            long started = System.nanoTime();
            double interval = initialInterval.toNanos();
            for (int retry = 1; ; retry++) {
                try {
                    return next.handle(message);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception failure) {
                    long delay = randomized(interval);
                    interval = Math.min(interval * multiplier, maxInterval.toNanos());
                    if (!retryAfter(message, failure, retry, delay, started)) {
                        throw failure;
                    }
                }
            }
        };
    }

    /** Decides on and waits for the next retry; false means give up. */
    private boolean retryAfter(Message message, Exception failure, int retry, long delay, long started)
            throws InterruptedException {
        if (retry > maxRetries) {
            return false;
        }
        if (!maxElapsedTime.isZero() && System.nanoTime() - started + delay > maxElapsedTime.toNanos()) {
            return false;
        }
        Attempt attempt = new Attempt(retry, failure, Duration.ofNanos(delay));
        if (!shouldRetry.test(attempt)) {
            return false;
        }
        log.warn("message {} failed, retry {} of {} in {} ms: {}", message.id(), retry, maxRetries,
                attempt.delay().toMillis(), firstLine(failure.toString()));
        onRetry.accept(attempt);
        return Waits.sleep(message.context(), delay);
    }

    /** A panic's text carries its whole stack trace; one line is enough for a retry notice. */
    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private long randomized(double interval) {
        if (randomizationFactor == 0) {
            return (long) interval;
        }
        double spread = randomizationFactor * interval;
        return (long) ThreadLocalRandom.current().nextDouble(interval - spread, interval + spread + 1);
    }

    /** Settings for a {@link Retry}; every setter checks its value. */
    public static final class Builder {
        private int maxRetries = 3;
        private Duration initialInterval = Duration.ofMillis(100);
        private double multiplier = 2;
        private Duration maxInterval = Duration.ofSeconds(10);
        private Duration maxElapsedTime = Duration.ZERO;
        private double randomizationFactor = 0.5;
        private Predicate<Attempt> shouldRetry = attempt -> true;
        private Consumer<Attempt> onRetry = attempt -> {
        };

        private Builder() {
        }

        /** Retries after the first attempt; total attempts are {@code maxRetries + 1}. */
        public Builder maxRetries(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative: " + value);
            }
            maxRetries = value;
            return this;
        }

        public Builder initialInterval(Duration value) {
            initialInterval = nonNegative(value, "initialInterval");
            return this;
        }

        /** Factor between consecutive waits; at least 1. */
        public Builder multiplier(double value) {
            if (!(value >= 1)) {
                throw new IllegalArgumentException("multiplier must be at least 1: " + value);
            }
            multiplier = value;
            return this;
        }

        public Builder maxInterval(Duration value) {
            maxInterval = nonNegative(value, "maxInterval");
            return this;
        }

        /** Stop retrying when the next retry would start later than this after the first attempt; zero: no limit. */
        public Builder maxElapsedTime(Duration value) {
            maxElapsedTime = nonNegative(value, "maxElapsedTime");
            return this;
        }

        /** Each wait is drawn from {@code [interval * (1 - f), interval * (1 + f)]}; 0 to 1. */
        public Builder randomizationFactor(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("randomizationFactor must be between 0 and 1: " + value);
            }
            randomizationFactor = value;
            return this;
        }

        /** Asked before each retry; false gives up and throws the failure. */
        public Builder shouldRetry(Predicate<Attempt> value) {
            shouldRetry = Objects.requireNonNull(value, "shouldRetry");
            return this;
        }

        /** Called before each retry's wait. */
        public Builder onRetry(Consumer<Attempt> value) {
            onRetry = Objects.requireNonNull(value, "onRetry");
            return this;
        }

        public Retry build() {
            return new Retry(this);
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
