package dev.millrace.flows;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.middleware.CorrelationId;
import dev.millrace.middleware.Recoverer;
import dev.millrace.middleware.Retry;
import dev.millrace.middleware.Throttle;
import dev.millrace.middleware.Timeout;
import dev.millrace.router.Router;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The talk's demo, on any broker: a publisher greets {@code incoming_topic} at an interval with a fresh correlation
 * id; {@code hello_handler} answers each greeting on {@code outgoing_topic}; two consumer handlers print what
 * arrives on each topic. Router middleware as in the talk: correlation id, timeout, throttle, retry, recoverer.
 */
public final class DemoFlow implements AutoCloseable {
    public static final String INCOMING_TOPIC = "incoming_topic";
    public static final String OUTGOING_TOPIC = "outgoing_topic";
    public static final String HELLO_HANDLER = "hello_handler";
    public static final String INCOMING_HANDLER = INCOMING_TOPIC + "_handler";
    public static final String OUTGOING_HANDLER = OUTGOING_TOPIC + "_handler";
    public static final String GREETING = "Hello, watermill!";
    public static final String ANSWER = "message produced by hello_handler";

    /**
     * @param interval pause between two greetings
     * @param count    greetings to send; 0 sends until closed
     */
    public record Settings(Duration interval, long count) {
        public Settings {
            Objects.requireNonNull(interval, "interval");
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative");
            }
        }
    }

    private final BrokerConnection connection;
    private final Settings settings;
    private final Consumer<DemoEvent> listener;
    private final Router router = new Router();
    private final Publisher publisher;
    private final Subscriber subscriber;
    private final CountDownLatch answersSeen;
    private final CountDownLatch greetingsSeen;
    private final Thread publishing;
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    public DemoFlow(BrokerConnection connection, Settings settings, Consumer<DemoEvent> listener) {
        this.connection = connection;
        this.settings = settings;
        this.listener = listener;
        this.publisher = connection.newPublisher();
        this.subscriber = connection.newSubscriber();
        int expected = (int) Math.min(settings.count(), Integer.MAX_VALUE);
        this.answersSeen = new CountDownLatch(expected);
        this.greetingsSeen = new CountDownLatch(expected);
        this.publishing = new Thread(this::publishGreetings, "millrace-demo-publisher");
        this.publishing.setDaemon(true);
        configureRouter();
    }

    private void configureRouter() {
        router.addMiddleware(
                new CorrelationId(),
                new Timeout(Duration.ofSeconds(10)),
                new Throttle(10, Duration.ofSeconds(1)),
                Retry.builder().maxRetries(5).initialInterval(Duration.ofMillis(100)).build(),
                new Recoverer());

        router.addHandler(HELLO_HANDLER, INCOMING_TOPIC, subscriber, OUTGOING_TOPIC, publisher, this::answer)
                .subscribeOptions(SubscribeOptions.group(HELLO_HANDLER))
                .addMiddleware(next -> message -> {
                    listener.accept(new DemoEvent.HandlerMiddleware(HELLO_HANDLER, message.id()));
                    return next.handle(message);
                });
        router.addConsumerHandler(INCOMING_HANDLER, INCOMING_TOPIC, subscriber,
                        message -> print(INCOMING_HANDLER, message, greetingsSeen))
                .subscribeOptions(SubscribeOptions.group(INCOMING_HANDLER));
        router.addConsumerHandler(OUTGOING_HANDLER, OUTGOING_TOPIC, subscriber,
                        message -> print(OUTGOING_HANDLER, message, answersSeen))
                .subscribeOptions(SubscribeOptions.group(OUTGOING_HANDLER));
    }

    private List<Message> answer(Message greeting) {
        return List.of(Message.of(ANSWER.getBytes(StandardCharsets.UTF_8)));
    }

    private void print(String handler, Message message, CountDownLatch seen) {
        listener.accept(new DemoEvent.Received(handler, message.envelope() == null ? "" : message.envelope().topic(),
                message.id(), message.metadata().get(Message.CORRELATION_ID),
                new String(message.payload(), StandardCharsets.UTF_8), message.metadata().asMap()));
        seen.countDown();
    }

    /** Subscribes the handlers, then starts publishing greetings. */
    public void start() {
        router.start();
        publishing.start();
    }

    private void publishGreetings() {
        long number = 0;
        while (stopSignal.getCount() > 0 && (settings.count() == 0 || number < settings.count())) {
            number++;
            Message greeting = Message.of(GREETING.getBytes(StandardCharsets.UTF_8));
            greeting.metadata().set(Message.CORRELATION_ID, Message.newId());
            listener.accept(new DemoEvent.Sent(number, greeting.id(), greeting.metadata().get(Message.CORRELATION_ID)));
            publisher.publish(INCOMING_TOPIC, greeting);
            if (stopRequestedWithin(settings.interval())) {
                return;
            }
        }
    }

    /** Waits out the interval on a latch rather than by interrupting, so a send in progress is never cut off. */
    private boolean stopRequestedWithin(Duration interval) {
        try {
            return stopSignal.await(interval.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Waits until every greeting of a counted run was printed by both consumer handlers. Returns false on timeout.
     */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        return greetingsSeen.await(timeout.toNanos(), TimeUnit.NANOSECONDS)
                && answersSeen.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    public BrokerConnection connection() {
        return connection;
    }

    /** Stops publishing and closes the router, its publisher and subscriber. */
    @Override
    public void close() {
        stopSignal.countDown();
        try {
            publishing.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            router.close();
        } finally {
            subscriber.close();
            publisher.close();
        }
    }
}
