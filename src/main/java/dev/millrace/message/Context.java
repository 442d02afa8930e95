package dev.millrace.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A cancellation signal with an optional deadline and a few values, in the role Go's {@code context.Context}
 * plays in Watermill: a handler asks {@link #isDone()} or registers {@link #onDone(Runnable)} to stop early.
 *
 * <p>Contexts form a tree: a child is done when its parent is. {@link #isDone()} and {@link #cause()} look up the
 * chain, so making and ending a child costs no work in its parent: subscribers and the router make two per
 * delivered message. Only a child with {@link #onDone} listeners registers with its parent, so that they run when
 * the parent ends, and it removes itself again when it ends, so a long-lived subscription context does not
 * accumulate one entry per delivered message.
 */
public final class Context {
    private static final ScheduledExecutorService TIMERS = timers();
    private static final Context BACKGROUND = new Context(null, null, Map.of());
    private static final VarHandle CAUSE = causeHandle();

    private final Context parent;
    private final Instant deadline;
    private final Map<String, Object> values;
    private final Object lock = new Object();
    /** What this context registers with its parent; made on the first listener, as most contexts never get one. */
    private Runnable endWithParent;
    /**
     * The first listener, kept in a field: a message context usually has exactly one (the router's child), a
     * subscription context one per message in flight, and a set per context cost a good share of the per-message
     * work on the subscribe path.
     */
    private Runnable firstListener;
    /** Listeners after the first, created on the second: most contexts never get one. */
    private Set<Runnable> moreListeners;
    /** Whether {@link #endWithParent} is registered with the parent: once this context has listeners. */
    private boolean attached;
    /** Set once, by compare-and-set: the first cause wins. */
    private volatile String cause;
    /**
     * Set, under the lock, before a listener or a timer is added and before the cause is read there: ending a
     * context without either (most message contexts) then takes no lock. Both sides write one volatile field and
     * read the other, so at least one sees the other's write.
     */
    private volatile boolean needsCleanup;
    private ScheduledFuture<?> timer;

    private Context(Context parent, Instant deadline, Map<String, Object> values) {
        this.parent = parent;
        this.deadline = deadline;
        this.values = values;
    }

    /** The root context: never done. */
    public static Context background() {
        return BACKGROUND;
    }

    /** A child that is done when this one is, or when {@link #cancel(String)} is called on it. */
    public Context withCancel() {
        return new Context(this, deadline, values);
    }

    /** A child that is also done after {@code timeout}, with the cause "deadline exceeded". */
    public Context withTimeout(Duration timeout) {
        Instant candidate = Instant.now().plus(timeout);
        Instant effective = deadline != null && deadline.isBefore(candidate) ? deadline : candidate;
        Context child = new Context(this, effective, values);
        if (!child.isDone()) {
            ScheduledFuture<?> scheduled = TIMERS.schedule(
                    () -> child.cancel("deadline exceeded"), Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            synchronized (child.lock) {
                child.needsCleanup = true;
                if (child.cause == null) {
                    child.timer = scheduled;
                } else {
                    scheduled.cancel(false);
                }
            }
        }
        return child;
    }

    /** A child carrying one more value; done when this one is or when cancelled itself. */
    public Context withValue(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        HashMap<String, Object> copy = new HashMap<>(values);
        copy.put(key, value);
        return new Context(this, deadline, Map.copyOf(copy));
    }

    /**
     * A child carrying several more values; one child instead of a chain of {@link #withValue} calls, for callers
     * that add the same few values to every message.
     */
    public Context withValues(Map<String, ?> additions) {
        Map<String, Object> merged;
        if (values.isEmpty()) {
            merged = Map.copyOf(additions);
        } else {
            HashMap<String, Object> copy = new HashMap<>(values);
            copy.putAll(additions);
            merged = Map.copyOf(copy);
        }
        return new Context(this, deadline, merged);
    }

    public <T> Optional<T> value(String key, Class<T> type) {
        Object value = values.get(key);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    public boolean isDone() {
        return effectiveCause() != null;
    }

    /** Why the context ended ("acked", "deadline exceeded", "subscription closed", ...), if it has. */
    public Optional<String> cause() {
        return Optional.ofNullable(effectiveCause());
    }

    /**
     * Runs {@code listener} once when the context ends, or at once if it already has. Listeners should be quick:
     * they run on the thread that ends the context.
     */
    public void onDone(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        if (this == BACKGROUND) {
            return;
        }
        boolean attach = false;
        boolean endedAlready = false;
        synchronized (lock) {
            needsCleanup = true;
            if (cause != null) {
                endedAlready = true;
            } else {
                if (firstListener == null && moreListeners == null) {
                    firstListener = listener;
                } else if (!listener.equals(firstListener)) {
                    if (moreListeners == null) {
                        moreListeners = new LinkedHashSet<>();
                    }
                    moreListeners.add(listener);
                }
                attach = !attached && parent != BACKGROUND;
                if (attach) {
                    attached = true;
                    endWithParent = this::cancelFromParent;
                }
            }
        }
        if (attach) {
            // Runs endWithParent at once if the parent has already ended, which runs the listener.
            parent.onDone(endWithParent);
        } else if (endedAlready) {
            listener.run();
        }
    }

    /** Stops listening for the end of this context. */
    public void removeListener(Runnable listener) {
        synchronized (lock) {
            if (listener.equals(firstListener)) {
                firstListener = null;
            } else if (moreListeners != null) {
                moreListeners.remove(listener);
            }
        }
    }

    /** Ends this context and its children. Idempotent: the first cause wins, the parent's if it ended first. */
    public void cancel(String reason) {
        if (this == BACKGROUND) {
            throw new UnsupportedOperationException("the background context cannot be cancelled");
        }
        end(Objects.requireNonNull(reason, "reason"), false);
    }

    private void end(String reason, boolean parentEnded) {
        String inherited = parent.effectiveCause();
        if (!CAUSE.compareAndSet(this, (String) null, inherited != null ? inherited : reason) || !needsCleanup) {
            return;
        }
        List<Runnable> toRun;
        Runnable detach = null;
        synchronized (lock) {
            toRun = listenersInOrder();
            firstListener = null;
            moreListeners = null;
            // A parent that ended has dropped its listeners already.
            if (attached && !parentEnded) {
                detach = endWithParent;
            }
            attached = false;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
        if (detach != null) {
            parent.removeListener(detach);
        }
        toRun.forEach(Runnable::run);
    }

    private String effectiveCause() {
        for (Context context = this; context != null; context = context.parent) {
            String ended = context.cause;
            if (ended != null) {
                return ended;
            }
        }
        return null;
    }

    private List<Runnable> listenersInOrder() {
        if (moreListeners == null) {
            return firstListener == null ? List.of() : List.of(firstListener);
        }
        List<Runnable> all = new ArrayList<>(moreListeners.size() + 1);
        if (firstListener != null) {
            all.add(firstListener);
        }
        all.addAll(moreListeners);
        return all;
    }

    private void cancelFromParent() {
        end(parent.effectiveCause(), true);
    }

    private static VarHandle causeHandle() {
        try {
            return MethodHandles.lookup().findVarHandle(Context.class, "cause", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static ScheduledExecutorService timers() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "millrace-context-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Override
    public String toString() {
        return "Context[done=" + isDone() + (cause == null ? "" : ", cause=" + cause)
                + (deadline == null ? "" : ", deadline=" + deadline) + "]";
    }
}
