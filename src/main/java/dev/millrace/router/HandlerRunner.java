package dev.millrace.router;

import dev.millrace.message.Context;
import dev.millrace.message.Message;
import dev.millrace.message.Outcome;
import dev.millrace.message.Publisher;
import dev.millrace.message.Subscription;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started handler: its subscription and the loop its workers run. */
final class HandlerRunner {
    private static final Logger log = LoggerFactory.getLogger(HandlerRunner.class);
    /** Only bounds how long a worker may miss a stream that ended without close(); close() wakes it at once. */
    private static final Duration POLL = Duration.ofMillis(250);

    private final String name;
    private final int concurrency;
    private final Subscription subscription;
    private final HandlerFunction function;
    private final String publishTopic;
    private final Publisher publisher;
    private final Map<String, String> contextValues;
    private final AtomicInteger liveWorkers = new AtomicInteger();

    private HandlerRunner(Handler handler, HandlerFunction function, Subscription subscription) {
        this.name = handler.name();
        this.concurrency = handler.concurrencyValue();
        this.subscription = subscription;
        this.function = function;
        this.publishTopic = handler.publishTopic();
        this.publisher = handler.publisher();
        this.contextValues = contextValues(handler);
    }

    /** Wraps the handler's function, then subscribes; a failing middleware leaves no subscription behind. */
    static HandlerRunner start(Handler handler, List<Middleware> routerMiddleware) {
        HandlerFunction wrapped = handler.wrappedFunction(routerMiddleware);
        Subscription subscription = handler.subscriber().subscribe(handler.subscribeTopic(),
                handler.subscribeOptionsValue());
        return new HandlerRunner(handler, wrapped, subscription);
    }

    private static Map<String, String> contextValues(Handler handler) {
        Map<String, String> values = new HashMap<>();
        values.put(RouterContext.HANDLER_NAME, handler.name());
        values.put(RouterContext.SUBSCRIBE_TOPIC, handler.subscribeTopic());
        values.put(RouterContext.SUBSCRIBER_NAME, RouterContext.nameOf(handler.subscriber()));
        if (handler.publisher() != null) {
            values.put(RouterContext.PUBLISH_TOPIC, handler.publishTopic());
            values.put(RouterContext.PUBLISHER_NAME, RouterContext.nameOf(handler.publisher()));
        }
        return Map.copyOf(values);
    }

    String name() {
        return name;
    }

    int concurrency() {
        return concurrency;
    }

    boolean isBusy() {
        return liveWorkers.get() > 0;
    }

    void closeSubscription() {
        try {
            subscription.close();
        } catch (RuntimeException e) {
            log.warn("closing the subscription of handler '{}' failed", name, e);
        }
    }

    /**
     * The body of one worker thread: pull, handle, settle, until the stream ends. Only the end of the stream stops
     * it; an interrupt does not, since the router stops workers by closing their subscription (DESIGN.md: flags,
     * not interrupts) and a worker lost to a stray interrupt would silently shrink the handler.
     */
    void work(Runnable onExit) {
        liveWorkers.incrementAndGet();
        try {
            while (true) {
                Message message;
                try {
                    message = subscription.receive(POLL);
                } catch (InterruptedException e) {
                    log.warn("worker {} of handler '{}' was interrupted; ignored, close the router to stop it",
                            Thread.currentThread().getName(), name);
                    continue;
                }
                if (message != null) {
                    handle(message);
                } else if (subscription.isClosed()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.error("the subscription of handler '{}' failed; this worker stops", name, e);
        } finally {
            liveWorkers.decrementAndGet();
            onExit.run();
        }
    }

    private void handle(Message message) {
        Context context = message.context().withValues(contextValues);
        message.setContext(context);
        try {
            process(message);
        } finally {
            // A no-op when the subscriber already ended the message's context on settlement; otherwise it ends
            // what the handler left waiting on the context (a listener registered with a long-lived parent).
            context.cancel(message.outcome() == Outcome.ACKED ? "acked" : "nacked");
        }
    }

    private void process(Message message) {
        List<Message> produced;
        try {
            produced = function.handle(message);
        } catch (Throwable failure) {
            nack(message, "handler '" + name + "' failed on message " + message.id(), failure);
            return;
        }
        if (produced != null && !produced.isEmpty()) {
            if (publisher == null) {
                log.error("consumer handler '{}' produced {} message(s) but has no publisher; nacking message {}",
                        name, produced.size(), message.id());
                message.nack();
                return;
            }
            try {
                publisher.publish(publishTopic, produced);
            } catch (Throwable failure) {
                nack(message, "handler '" + name + "' could not publish " + produced.size()
                        + " message(s) to '" + publishTopic + "' for message " + message.id(), failure);
                return;
            }
        }
        message.ack();
    }

    private static void nack(Message message, String what, Throwable failure) {
        log.error("{}; nacking it", what, failure);
        message.nack();
    }
}
