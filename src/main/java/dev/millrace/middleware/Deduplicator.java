package dev.millrace.middleware;

import dev.millrace.message.Message;
import dev.millrace.router.HandlerFunction;
import dev.millrace.router.Middleware;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Drops a message whose key was seen within the window: the handler does not run and the message is acked. The key
 * is the SHA-256 of the payload unless a key function is given (the message id, a metadata field, ...). Keys are
 * kept in memory, per instance; a key counts as seen for {@code window} after its first message, and expired keys
 * are swept out every half window. A message whose handler fails is forgotten again, so its redelivery is handled
 * rather than dropped.
 */
public final class Deduplicator implements Middleware {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private final Duration window;
    private final long windowNanos;
    private final Function<Message, String> keyFunction;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    /** Payload SHA-256 keys, a one-minute window. */
    public Deduplicator() {
        this(DEFAULT_WINDOW);
    }

    /** Payload SHA-256 keys. */
    public Deduplicator(Duration window) {
        this(window, Deduplicator::payloadSha256);
    }

    public Deduplicator(Duration window, Function<Message, String> keyFunction) {
        this(window, keyFunction, System::nanoTime);
    }

    Deduplicator(Duration window, Function<Message, String> keyFunction, LongSupplier nanoClock) {
        Objects.requireNonNull(window, "window");
        if (window.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("a deduplication window under a millisecond is impractical: " + window);
        }
        this.window = window;
        this.windowNanos = window.toNanos();
        this.keyFunction = Objects.requireNonNull(keyFunction, "keyFunction");
        this.nanoClock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + windowNanos / 2);
    }

    /** The default key: the hex SHA-256 of the payload. */
    public static String payloadSha256(Message message) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message.payload()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public Duration window() {
        return window;
    }

    /** Keys currently remembered, expired ones not yet swept included. */
    public int size() {
        return expiries.size();
    }

    @Override
    public HandlerFunction wrap(HandlerFunction next) {
        return message -> {
            String key = Objects.requireNonNull(keyFunction.apply(message), "deduplication key");
            long now = nanoClock.getAsLong();
            sweepIfDue(now);
            Long claim = now + windowNanos;
            // compute() returns our own boxed claim only if no live entry was there: that tells first from repeat.
            Long holder = expiries.compute(key, (k, expiry) -> expiry != null && expiry - now > 0 ? expiry : claim);
            if (holder != claim) {
                return List.of();
            }
            try {
                return next.handle(message);
            } catch (Throwable failure) {
                expiries.remove(key, claim);
                throw failure;
            }
        };
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + windowNanos / 2)) {
            expiries.values().removeIf(expiry -> expiry - now <= 0);
        }
    }
}
