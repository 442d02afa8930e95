package dev.millrace.middleware;

import dev.millrace.message.Message;
import dev.millrace.router.HandlerFunction;
import dev.millrace.router.Middleware;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down the redelivery of failing messages. Watermill's version only writes a delay into the metadata and
 * relies on Pub/Subs that can deliver later; none of ours can, and a nack comes straight back. So this one holds
 * the failed message for the delay before letting the failure through to the nack, and also writes the delay into
 * the metadata ({@link #DELAYED_FOR}, {@link #DELAYED_UNTIL}) for tools and for a requeue that keeps it.
 *
 * <p>The delay grows per message across its redeliveries: {@code initialInterval} for the first failure, then
 * times {@code multiplier}, at most {@code maxInterval}. The previous delay of a message is remembered by id
 * (until it succeeds), or read from its {@link #DELAYED_FOR} metadata. The wait ends early when the message's
 * context ends, e.g. because the router is closing.
 */
public final class DelayOnError implements Middleware {
    /** ISO-8601 duration of the delay applied after the last failure, e.g. {@code PT0.5S}. */
    public static final String DELAYED_FOR = "delayed_for";
    /** ISO-8601 instant before which the message should not be handled again. */
    public static final String DELAYED_UNTIL = "delayed_until";

    /** Messages that fail once and never return would otherwise be remembered forever. */
    private static final int MAX_REMEMBERED = 10_000;

    private final Duration initialInterval;
    private final Duration maxInterval;
    private final double multiplier;
    private final ConcurrentHashMap<String, Long> lastDelays = new ConcurrentHashMap<>();

    public DelayOnError(Duration initialInterval, Duration maxInterval, double multiplier) {
        Objects.requireNonNull(initialInterval, "initialInterval");
        Objects.requireNonNull(maxInterval, "maxInterval");
        if (initialInterval.isNegative() || maxInterval.compareTo(initialInterval) < 0) {
            throw new IllegalArgumentException("need 0 <= initialInterval <= maxInterval, got "
                    + initialInterval + " and " + maxInterval);
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
        }
        this.initialInterval = initialInterval;
        this.maxInterval = maxInterval;
        this.multiplier = multiplier;
    }

    @Override
    public HandlerFunction wrap(HandlerFunction next) {
        return message -> {
            List<Message> produced;
            try {
                produced = next.handle(message);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | Error failure) {
                delay(message);
                throw failure;
            }
            if (!lastDelays.isEmpty()) {
                lastDelays.remove(message.id());
            }
            return produced;
        };
    }

    private void delay(Message message) {
        long previous = previousDelay(message);
        long delay = previous <= 0 ? initialInterval.toNanos()
                : (long) Math.min(previous * multiplier, maxInterval.toNanos());
        if (lastDelays.size() >= MAX_REMEMBERED) {
            // Forgetting only restarts some messages' backoff at the initial interval.
            lastDelays.clear();
        }
        lastDelays.put(message.id(), delay);
        message.metadata()
                .set(DELAYED_FOR, Duration.ofNanos(delay).toString())
                .set(DELAYED_UNTIL, Instant.now().plusNanos(delay).toString());
        try {
            Waits.sleep(message.context(), delay);
        } catch (InterruptedException e) {
            // The failure still has to reach the router for the nack; whoever interrupted finds the flag set.
            Thread.currentThread().interrupt();
        }
    }

    private long previousDelay(Message message) {
        Long remembered = lastDelays.get(message.id());
        if (remembered != null) {
            return remembered;
        }
        String hint = message.metadata().get(DELAYED_FOR);
        if (hint.isEmpty()) {
            return 0;
        }
        try {
            return Duration.parse(hint).toNanos();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
