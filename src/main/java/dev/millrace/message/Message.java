package dev.millrace.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

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
    private static final VarHandle STATE = handle("state", Object.class);
    private static final VarHandle FUTURE = handle("settledFuture", CompletableFuture.class);

    private final String id;
    private final Metadata metadata;
    private final byte[] payload;
    /**
     * Where the acknowledgement stands, changed only by compare-and-set: {@code null} while unsettled, the first
     * {@link #whenSettled} action while unsettled with one, the {@link Outcome} once settled. The subscriber that
     * delivered the message registers exactly one action; a future per message, completed through its callback
     * chain, showed in profiles of the Kafka subscribe path as a seventh of the handler thread's samples.
     */
    private volatile Object state;
    /** Created only when somebody asks for {@link #settled()} or registers a second action. */
    private volatile CompletableFuture<Outcome> settledFuture;
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
        return settle(Outcome.ACKED);
    }

    /** Asks for redelivery. Returns false if it had been acked before. */
    public boolean nack() {
        return settle(Outcome.NACKED);
    }

    public boolean isSettled() {
        return state instanceof Outcome;
    }

    /** How the message was settled, or {@code null} while it is not. */
    public Outcome outcome() {
        return state instanceof Outcome outcome ? outcome : null;
    }

    /**
     * Runs {@code action} once the message is acked or nacked: on the thread that settles it, or at once on this
     * thread if it already is. Subscribers use it to commit or redeliver.
     */
    public void whenSettled(Consumer<Outcome> action) {
        Objects.requireNonNull(action, "action");
        while (true) {
            Object current = state;
            if (current instanceof Outcome outcome) {
                action.accept(outcome);
                return;
            }
            if (current != null) {
                future().thenAccept(action);
                return;
            }
            if (STATE.compareAndSet(this, (Object) null, (Object) action)) {
                return;
            }
        }
    }

    /** Completes with the outcome once the message is acked or nacked. */
    public CompletableFuture<Outcome> settled() {
        return future();
    }

    /**
     * The future, made on first use. Settling writes the state and then reads the future; this writes the future
     * and then reads the state, so whichever runs second completes it.
     */
    private CompletableFuture<Outcome> future() {
        CompletableFuture<Outcome> future = settledFuture;
        if (future == null) {
            CompletableFuture<Outcome> made = new CompletableFuture<>();
            future = FUTURE.compareAndSet(this, (CompletableFuture<Outcome>) null, made) ? made : settledFuture;
        }
        if (state instanceof Outcome outcome) {
            future.complete(outcome);
        }
        return future;
    }

    @SuppressWarnings("unchecked")
    private boolean settle(Outcome result) {
        while (true) {
            Object current = state;
            if (current instanceof Outcome outcome) {
                return outcome == result;
            }
            if (STATE.compareAndSet(this, current, (Object) result)) {
                if (current != null) {
                    ((Consumer<Outcome>) current).accept(result);
                }
                CompletableFuture<Outcome> future = settledFuture;
                if (future != null) {
                    future.complete(result);
                }
                return true;
            }
        }
    }

    private static VarHandle handle(String field, Class<?> type) {
        try {
            return MethodHandles.lookup().findVarHandle(Message.class, field, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
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
