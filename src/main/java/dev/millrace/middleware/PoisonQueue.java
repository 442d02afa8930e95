package dev.millrace.middleware;

import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import dev.millrace.router.HandlerFunction;
import dev.millrace.router.Middleware;
import dev.millrace.router.RouterContext;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salvages messages the handler cannot process: when it throws an exception the filter accepts, a copy of the
 * message goes to the poison topic with the reason and where it came from in its metadata, and the message then
 * counts as handled (acked, nothing produced). If that publish fails, the handler's failure is thrown on, with the
 * publish failure attached as suppressed, so the message is nacked and not lost. Errors pass through unseen: add a
 * {@link Recoverer} inside the poison queue to poison panics too.
 */
public final class PoisonQueue implements Middleware {
    public static final String REASON = "reason_poisoned";
    public static final String TOPIC = "topic_poisoned";
    public static final String HANDLER = "handler_poisoned";
    public static final String SUBSCRIBER = "subscriber_poisoned";

    private static final Logger log = LoggerFactory.getLogger(PoisonQueue.class);

    private final Publisher publisher;
    private final String topic;
    private final Predicate<Throwable> filter;

    /** Poisons every failing message. */
    public PoisonQueue(Publisher publisher, String topic) {
        this(publisher, topic, failure -> true);
    }

    /** Poisons a failing message only when {@code filter} accepts the failure; others fail (and are nacked). */
    public PoisonQueue(Publisher publisher, String topic, Predicate<Throwable> filter) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.filter = Objects.requireNonNull(filter, "filter");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("the poison queue needs a topic");
        }
    }

    public String topic() {
        return topic;
    }

    @Override
    public HandlerFunction wrap(HandlerFunction next) {
        return message -> {
            try {
                return next.handle(message);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception failure) {
                if (!filter.test(failure)) {
                    throw failure;
                }
                poison(message, failure);
                return List.of();
            }
        };
    }

    private void poison(Message message, Exception failure) throws Exception {
        Message poisoned = message.copy();
        poisoned.metadata()
                .set(REASON, failure.toString())
                .set(TOPIC, RouterContext.subscribeTopic(message))
                .set(HANDLER, RouterContext.handlerName(message))
                .set(SUBSCRIBER, RouterContext.subscriberName(message));
        try {
            publisher.publish(topic, poisoned);
        } catch (RuntimeException publishFailure) {
            failure.addSuppressed(publishFailure);
            throw failure;
        }
        log.warn("message {} moved to poison topic '{}': {}", message.id(), topic, failure.toString());
    }
}
