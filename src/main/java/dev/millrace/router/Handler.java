package dev.millrace.router;

import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One handler of a {@link Router}: what it reads, what it runs and where its output goes. Returned by
 * {@link Router#addHandler} for further settings, which must be made before the router starts.
 */
public final class Handler {
    private final Router router;
    private final String name;
    private final String subscribeTopic;
    private final Subscriber subscriber;
    private final String publishTopic;
    private final Publisher publisher;
    private final HandlerFunction function;
    private final List<Middleware> middleware = new ArrayList<>();
    private SubscribeOptions subscribeOptions = SubscribeOptions.DEFAULT;
    private int concurrency = 1;

    Handler(Router router, String name, String subscribeTopic, Subscriber subscriber, String publishTopic,
            Publisher publisher, HandlerFunction function) {
        this.router = router;
        this.name = name;
        this.subscribeTopic = subscribeTopic;
        this.subscriber = subscriber;
        this.publishTopic = publishTopic;
        this.publisher = publisher;
        this.function = function;
    }

    public String name() {
        return name;
    }

    public String subscribeTopic() {
        return subscribeTopic;
    }

    /** The topic produced messages go to, or {@code null} for a consumer handler. */
    public String publishTopic() {
        return publishTopic;
    }

    /** Middleware for this handler only; they run inside the router's middleware, first added outermost. */
    public Handler addMiddleware(Middleware... added) {
        for (Middleware each : added) {
            Objects.requireNonNull(each, "middleware");
        }
        synchronized (router.lock()) {
            router.requireNotStarted();
            middleware.addAll(List.of(added));
        }
        return this;
    }

    /** How to subscribe, e.g. with a consumer group. Default {@link SubscribeOptions#DEFAULT}. */
    public Handler subscribeOptions(SubscribeOptions options) {
        Objects.requireNonNull(options, "options");
        synchronized (router.lock()) {
            router.requireNotStarted();
            subscribeOptions = options;
        }
        return this;
    }

    /** Number of worker threads reading the handler's one subscription. Default 1. */
    public Handler concurrency(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a handler needs at least one worker, got " + workers);
        }
        synchronized (router.lock()) {
            router.requireNotStarted();
            concurrency = workers;
        }
        return this;
    }

    Subscriber subscriber() {
        return subscriber;
    }

    Publisher publisher() {
        return publisher;
    }

    SubscribeOptions subscribeOptionsValue() {
        return subscribeOptions;
    }

    int concurrencyValue() {
        return concurrency;
    }

    /** The handler function inside its own middleware, inside the router's; first added is outermost. */
    HandlerFunction wrappedFunction(List<Middleware> routerMiddleware) {
        HandlerFunction wrapped = function;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            wrapped = Objects.requireNonNull(middleware.get(i).wrap(wrapped), "middleware returned null");
        }
        for (int i = routerMiddleware.size() - 1; i >= 0; i--) {
            wrapped = Objects.requireNonNull(routerMiddleware.get(i).wrap(wrapped), "middleware returned null");
        }
        return wrapped;
    }

    @Override
    public String toString() {
        return "Handler[" + name + ": " + subscribeTopic + (publishTopic == null ? "" : " -> " + publishTopic) + "]";
    }
}
