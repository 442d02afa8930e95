package dev.millrace.router;

import dev.millrace.message.Publisher;
import dev.millrace.message.Subscriber;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs handlers: each reads one subscription with its worker threads, runs its middleware-wrapped function per
 * message, publishes what the function produced in one call and then acks; a failure anywhere nacks. Semantics
 * in CONFORMANCE.md, "Router semantics".
 *
 * <p>Handlers, middleware and plugins are added before {@link #start()}. When every handler's stream has ended on
 * its own (its subscriber was closed elsewhere), the router closes itself, so {@link #run()} does not hang.
 */
public final class Router implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private enum State { NEW, RUNNING, CLOSING, CLOSED }

    private final RouterConfig config;
    private final Object lock = new Object();
    private final Map<String, Handler> handlers = new LinkedHashMap<>();
    private final List<Middleware> middleware = new ArrayList<>();
    private final List<Plugin> plugins = new ArrayList<>();
    private final List<Runnable> closeListeners = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Written under {@link #lock}; volatile so that {@link #isRunning()} need not wait for a slow start. */
    private volatile State state = State.NEW;
    private List<HandlerRunner> runners = List.of();
    private volatile Set<Thread> workerThreads = Set.of();
    private volatile CountDownLatch workersDone = new CountDownLatch(0);

    public Router() {
        this(RouterConfig.defaults());
    }

    public Router(RouterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A handler that publishes what {@code function} returns to {@code publishTopic}. */
    public Handler addHandler(String name, String subscribeTopic, Subscriber subscriber, String publishTopic,
            Publisher publisher, HandlerFunction function) {
        Objects.requireNonNull(publishTopic, "publishTopic");
        Objects.requireNonNull(publisher, "publisher");
        return register(name, subscribeTopic, subscriber, publishTopic, publisher, function);
    }

    /** A handler that only consumes; returning from {@code function} is success. */
    public Handler addConsumerHandler(String name, String subscribeTopic, Subscriber subscriber,
            ConsumerFunction function) {
        Objects.requireNonNull(function, "function");
        return register(name, subscribeTopic, subscriber, null, null, message -> {
            function.handle(message);
            return List.of();
        });
    }

    private Handler register(String name, String subscribeTopic, Subscriber subscriber, String publishTopic,
            Publisher publisher, HandlerFunction function) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subscribeTopic, "subscribeTopic");
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(function, "function");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a handler needs a name");
        }
        synchronized (lock) {
            requireNotStarted();
            if (handlers.containsKey(name)) {
                throw new IllegalArgumentException("a handler named '" + name + "' already exists");
            }
            Handler handler = new Handler(this, name, subscribeTopic, subscriber, publishTopic, publisher, function);
            handlers.put(name, handler);
            return handler;
        }
    }

    /** Middleware for every handler; they run outside each handler's own, first added outermost. */
    public Router addMiddleware(Middleware... added) {
        for (Middleware each : added) {
            Objects.requireNonNull(each, "middleware");
        }
        synchronized (lock) {
            requireNotStarted();
            middleware.addAll(List.of(added));
        }
        return this;
    }

    public Router addPlugin(Plugin... added) {
        for (Plugin each : added) {
            Objects.requireNonNull(each, "plugin");
        }
        synchronized (lock) {
            requireNotStarted();
            plugins.addAll(List.of(added));
        }
        return this;
    }

    /**
     * Runs {@code listener} once the router has closed (after its publishers are closed), on the closing thread;
     * at once if it already has. Plugins use it to undo what they set up.
     */
    public Router onClose(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            if (state != State.CLOSED) {
                closeListeners.add(listener);
                return this;
            }
        }
        listener.run();
        return this;
    }

    /**
     * Subscribes every handler, starts their workers, then runs the plugins. Returns once all handlers are
     * subscribed. If a subscription or a plugin fails, the router is closed and the failure is thrown.
     */
    public void start() {
        List<Plugin> toRun;
        synchronized (lock) {
            requireNotStarted();
            List<HandlerRunner> started = new ArrayList<>();
            try {
                for (Handler handler : handlers.values()) {
                    started.add(HandlerRunner.start(handler, List.copyOf(middleware)));
                }
            } catch (RuntimeException e) {
                started.forEach(HandlerRunner::closeSubscription);
                state = State.CLOSING;
                shutdownAfterFailedStart(e);
                throw e;
            }
            runners = List.copyOf(started);
            startWorkers();
            state = State.RUNNING;
            toRun = List.copyOf(plugins);
        }
        try {
            toRun.forEach(plugin -> plugin.onStart(this));
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private void startWorkers() {
        int total = runners.stream().mapToInt(HandlerRunner::concurrency).sum();
        CountDownLatch done = new CountDownLatch(total);
        workersDone = done;
        List<Thread> threads = new ArrayList<>(total);
        for (HandlerRunner runner : runners) {
            for (int n = 1; n <= runner.concurrency(); n++) {
                threads.add(new Thread(() -> runner.work(() -> workerExited(done)),
                        "millrace-handler-" + runner.name() + "-" + n));
            }
        }
        workerThreads = Set.copyOf(threads);
        threads.forEach(Thread::start);
    }

    private void workerExited(CountDownLatch done) {
        done.countDown();
        if (done.getCount() > 0) {
            return;
        }
        synchronized (lock) {
            if (state != State.RUNNING) {
                return;
            }
            state = State.CLOSING;
        }
        log.info("every handler's stream has ended; closing the router");
        shutdownLogged();
    }

    /** {@link #start()}, then blocks until the router is closed. An interrupt closes the router, then throws. */
    public void run() throws InterruptedException {
        start();
        try {
            closed.await();
        } catch (InterruptedException e) {
            close();
            throw e;
        }
    }

    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /**
     * Stops every subscription, waits up to the close timeout for in-flight messages, closes the handlers'
     * publishers (each once) and runs the close listeners. Idempotent: a second call waits for the first to
     * finish. Called from one of the router's own handler threads, it closes in the background and returns at
     * once, since waiting there would wait for itself.
     *
     * @throws RouterCloseTimeoutException if in-flight messages did not finish in time; the router is closed anyway
     */
    @Override
    public void close() {
        boolean first;
        synchronized (lock) {
            first = state == State.NEW || state == State.RUNNING;
            if (first) {
                state = State.CLOSING;
            }
        }
        boolean onWorker = workerThreads.contains(Thread.currentThread());
        if (!first) {
            if (!onWorker) {
                awaitClosed();
            }
            return;
        }
        if (onWorker) {
            Thread closer = new Thread(this::shutdownLogged, "millrace-router-close");
            closer.start();
            return;
        }
        shutdown();
    }

    private void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutdownLogged() {
        try {
            shutdown();
        } catch (RouterCloseTimeoutException e) {
            log.error("closing the router timed out", e);
        }
    }

    private void shutdownAfterFailedStart(RuntimeException cause) {
        try {
            shutdown();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Runs on exactly one thread, the one that moved the state to CLOSING. */
    private void shutdown() {
        List<HandlerRunner> toStop;
        synchronized (lock) {
            toStop = runners;
        }
        toStop.forEach(HandlerRunner::closeSubscription);
        boolean finished = awaitWorkers();
        List<String> busy = finished ? List.of()
                : toStop.stream().filter(HandlerRunner::isBusy).map(HandlerRunner::name).toList();
        closePublishers();
        List<Runnable> listeners;
        synchronized (lock) {
            state = State.CLOSED;
            listeners = List.copyOf(closeListeners);
            closeListeners.clear();
        }
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("a router close listener failed", e);
            }
        }
        closed.countDown();
        if (!finished) {
            throw new RouterCloseTimeoutException(config.closeTimeout(), busy);
        }
    }

    private boolean awaitWorkers() {
        long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return workersDone.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    // The close must complete (publishers flushed, listeners run); keep the interrupt for later.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closePublishers() {
        List<Publisher> publishers;
        synchronized (lock) {
            publishers = handlers.values().stream().map(Handler::publisher).filter(Objects::nonNull).toList();
        }
        Set<Publisher> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Publisher publisher : publishers) {
            if (!seen.add(publisher)) {
                continue;
            }
            try {
                publisher.close();
            } catch (RuntimeException e) {
                log.warn("closing publisher {} failed", RouterContext.nameOf(publisher), e);
            }
        }
    }

    Object lock() {
        return lock;
    }

    /** Callers hold {@link #lock}. */
    void requireNotStarted() {
        if (state != State.NEW) {
            throw new IllegalStateException("the router has already been started or closed");
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "Router[" + state + ", handlers=" + handlers.keySet() + "]";
        }
    }
}
