package dev.millrace.message;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A message: an id, metadata and a payload, plus the acknowledgement state of one delivery.
 *
 * <p>{@link #ack()} and {@link #nack()} never block and are idempotent; whichever comes first wins and the other
 * then returns {@code false}. The payload array is shared, not copied: treat it as read-only. A published message
 * belongs to the publisher; send it again only through {@link #copy()}.
 *
 * <p>Equality (for tests and de-duplication) is id, metadata and payload.
 */
public final class Message {
    /** Metadata key carrying the correlation id that links messages of one flow across topics. */
    public static final String CORRELATION_ID = "correlation_id";

    private static final byte[] EMPTY = new byte[0];

    private final String id;
    private final Metadata metadata;
    private final byte[] payload;
    private final CompletableFuture<Outcome> settled = new CompletableFuture<>();
    private volatile String key;
    private volatile Envelope envelope;
    private volatile Context context = Context.background();

    public Message(String id, Metadata metadata, byte[] payload) {
        this.id = Objects.requireNonNull(id, "id");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.payload = payload == null ? EMPTY : payload;
    }

    public Message(String id, byte[] payload) {
        this(id, new Metadata(), payload);
    }

    /** A message with a fresh random UUID as id. */
    public static Message of(byte[] payload) {
        return new Message(newId(), payload);
    }

    /**
     * A random (version 4) UUID. Drawn from {@link ThreadLocalRandom}, not {@link java.security.SecureRandom}:
     * ids need to be unique, not unguessable, and SecureRandom serialises publishing threads on one lock.
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    public String id() {
        return id;
    }

    public Metadata metadata() {
        return metadata;
    }

    /** The payload bytes, not copied; never null. */
    public byte[] payload() {
        return payload;
    }

    /** Partition / routing key, or {@code null}. Brokers without keys ignore it. */
    public String key() {
        return key;
    }

    public Message withKey(String newKey) {
        this.key = newKey;
        return this;
    }

    /** Where the message came from, or {@code null} for a message that was not received from a broker. */
    public Envelope envelope() {
        return envelope;
    }

    /** Set by the subscriber that delivers the message. */
    public void setEnvelope(Envelope envelope) {
        this.envelope = envelope;
    }

    /**
     * The cancellation and deadline signal of this delivery. Subscribers end it when the message is settled or
     * the subscription closes; the timeout middleware narrows it.
     */
    public Context context() {
        return context;
    }

    public void setContext(Context context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Marks the message processed. Returns false if it had been nacked before. */
    public boolean ack() {
        settled.complete(Outcome.ACKED);
        return settled.join() == Outcome.ACKED;
    }

    /** Asks for redelivery. Returns false if it had been acked before. */
    public boolean nack() {
        settled.complete(Outcome.NACKED);
        return settled.join() == Outcome.NACKED;
    }

    public boolean isSettled() {
        return settled.isDone();
    }

    /**
     * Completes with the outcome once the message is acked or nacked. Subscribers attach to it to commit or
     * redeliver; a callback attached before settlement runs on the thread that settles.
     */
    public CompletableFuture<Outcome> settled() {
        return settled;
    }

    /** Same id, a fresh copy of the metadata, the same payload and key, and no acknowledgement state. */
    public Message copy() {
        Message copy = new Message(id, metadata.copy(), payload);
        copy.key = key;
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message that
                && id.equals(that.id)
                && metadata.equals(that.metadata)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, metadata, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Message[id=" + id + ", metadata=" + metadata + ", payload=" + payload.length + " bytes]";
    }
}
