package dev.millrace.router;

import static dev.millrace.router.TestBroker.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.millrace.message.Message;
import dev.millrace.message.Outcome;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.middleware.Deduplicator;
import dev.millrace.middleware.PoisonQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Per-message semantics of the router (CONFORMANCE.md, "Router semantics"), on the in-memory broker. */
class RouterTest {
    private final TestBroker broker = TestBroker.start();
    private final Router router = new Router(new RouterConfig(Duration.ofSeconds(5)));
    private final List<Message> deliveries = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeRouterAndBroker() {
        router.close();
        broker.close();
    }

    private static Message message(String payload) {
        return Message.of(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static Outcome outcomeOf(Message message) throws Exception {
        return message.settled().get(5, TimeUnit.SECONDS);
    }

    private Middleware recording(String name) {
        return next -> message -> {
            calls.add(name + " in");
            try {
                return next.handle(message);
            } finally {
                calls.add(name + " out");
            }
        };
    }

    @Test
    void handlerPublishesWhatItProducesToThePublishTopic() throws Exception {
        router.addHandler("upper", "in", broker.newSubscriber(), "out", broker.newPublisher(),
                incoming -> List.of(message(text(incoming).toUpperCase())));
        router.start();

        broker.publish("in", "a", "b");

        assertThat(broker.read("out", 2)).extracting(TestBroker::text).containsExactly("A", "B");
    }

    @Test
    void producedMessagesArePublishedInOneCall() throws Exception {
        TestPublisher out = new TestPublisher(broker.newPublisher());
        router.addHandler("fan-out", "in", broker.newSubscriber(), "out", out,
                incoming -> List.of(message("1"), message("2"), message("3")));
        router.start();

        broker.publish("in", "go");

        assertThat(broker.read("out", 3)).hasSize(3);
        assertThat(out.callSizes()).containsExactly(3);
    }

    @Test
    void acksOnlyAfterProducedMessagesArePublished() throws Exception {
        AtomicReference<Message> incoming = new AtomicReference<>();
        List<Boolean> settledWhenPublishing = new CopyOnWriteArrayList<>();
        TestPublisher out = new TestPublisher(broker.newPublisher())
                .beforePublish(messages -> settledWhenPublishing.add(incoming.get().isSettled()));
        router.addHandler("h", "in", broker.newSubscriber(), "out", out, message -> {
            incoming.set(message);
            return List.of(message("produced"));
        });
        router.start();

        broker.publish("in", "x");

        assertThat(broker.read("out", 1)).hasSize(1);
        assertThat(outcomeOf(incoming.get())).isEqualTo(Outcome.ACKED);
        assertThat(settledWhenPublishing).containsExactly(false);
    }

    @Test
    void nacksWhenHandlerThrows() throws Exception {
        router.addConsumerHandler("h", "in", broker.newSubscriber(), message -> {
            deliveries.add(message);
            if (deliveries.size() == 1) {
                throw new Exception("first try fails");
            }
        });
        router.start();

        broker.publish("in", "x");

        await().until(() -> deliveries.size() >= 2);
        assertThat(outcomeOf(deliveries.get(0))).isEqualTo(Outcome.NACKED);
        assertThat(deliveries.get(1).id()).isEqualTo(deliveries.get(0).id());
        assertThat(outcomeOf(deliveries.get(1))).isEqualTo(Outcome.ACKED);
    }

    @Test
    void nacksWhenPublishingTheProducedMessagesFails() throws Exception {
        TestPublisher out = new TestPublisher(broker.newPublisher()).failing(true);
        router.addHandler("h", "in", broker.newSubscriber(), "out", out, message -> {
            deliveries.add(message);
            out.failing(deliveries.size() == 1);
            return List.of(message("produced"));
        });
        router.start();

        broker.publish("in", "x");

        assertThat(broker.read("out", 1)).extracting(TestBroker::text).containsExactly("produced");
        assertThat(outcomeOf(deliveries.get(0))).isEqualTo(Outcome.NACKED);
        assertThat(outcomeOf(deliveries.get(1))).isEqualTo(Outcome.ACKED);
    }

    @Test
    void handlerPanicDoesNotStopRouter() throws Exception {
        router.addConsumerHandler("h", "in", broker.newSubscriber(), message -> {
            deliveries.add(message);
            if (deliveries.size() == 1) {
                throw new AssertionError("panic");
            }
            calls.add(text(message));
        });
        router.start();

        broker.publish("in", "first", "second");

        await().until(() -> calls.size() == 2);
        assertThat(calls).containsExactly("first", "second");
        assertThat(outcomeOf(deliveries.get(0))).isEqualTo(Outcome.NACKED);
        assertThat(router.isRunning()).isTrue();
    }

    @Test
    void handlerFailureIsLoggedWithItsStackTrace() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(HandlerRunner.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            router.addConsumerHandler("h", "in", broker.newSubscriber(), message -> {
                deliveries.add(message);
                if (deliveries.size() == 1) {
                    throw new IllegalStateException("unexpected input");
                }
            });
            router.start();

            broker.publish("in", "x");

            await().until(() -> deliveries.size() >= 2);
            assertThat(appender.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains("'h'").contains(deliveries.get(0).id());
                assertThat(event.getThrowableProxy().getClassName()).isEqualTo("java.lang.IllegalStateException");
                assertThat(event.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
            });
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void middlewareWrapsInOrderAdded() {
        router.addMiddleware(recording("first"), recording("second"));
        router.addMiddleware(recording("third"));
        router.addConsumerHandler("h", "in", broker.newSubscriber(), message -> calls.add("handler"));
        router.start();

        broker.publish("in", "x");

        await().until(() -> calls.size() == 7);
        assertThat(calls).containsExactly("first in", "second in", "third in", "handler", "third out",
                "second out", "first out");
    }

    @Test
    void routerMiddlewareWrapsOutsideHandlerMiddleware() {
        router.addConsumerHandler("h", "in", broker.newSubscriber(), message -> calls.add("handler"))
                .addMiddleware(recording("handler's"));
        router.addMiddleware(recording("router's"));
        router.start();

        broker.publish("in", "x");

        await().until(() -> calls.size() == 5);
        assertThat(calls).containsExactly("router's in", "handler's in", "handler", "handler's out", "router's out");
    }

    @Test
    void handlerNamesAreUnique() {
        Subscriber subscriber = broker.newSubscriber();
        router.addConsumerHandler("h", "in", subscriber, message -> { });

        assertThatThrownBy(() -> router.addConsumerHandler("h", "other", subscriber, message -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'h'");
    }

    @Test
    void consumerHandlerReturningIsSuccess() throws Exception {
        router.addConsumerHandler("h", "in", broker.newSubscriber(), deliveries::add);
        router.start();

        broker.publish("in", "x");

        await().until(() -> !deliveries.isEmpty());
        assertThat(outcomeOf(deliveries.get(0))).isEqualTo(Outcome.ACKED);
    }

    @Test
    void consumerHandlerIsNackedWhenMiddlewareMakesItProduceMessages() throws Exception {
        router.addConsumerHandler("h", "in", broker.newSubscriber(), deliveries::add)
                .addMiddleware(next -> message -> {
                    next.handle(message);
                    return deliveries.size() == 1 ? List.of(message("nowhere to go")) : List.of();
                });
        router.start();

        broker.publish("in", "x");

        await().until(() -> deliveries.size() >= 2);
        assertThat(outcomeOf(deliveries.get(0))).isEqualTo(Outcome.NACKED);
    }

    @Test
    void messageContextNamesTheHandlerAndItsTopics() {
        Subscriber subscriber = broker.newSubscriber();
        TestPublisher publisher = new TestPublisher(broker.newPublisher());
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        router.addHandler("h", "in", subscriber, "out", publisher, message -> {
            seen.set(Map.of(
                    "handler", RouterContext.handlerName(message),
                    "subscribe topic", RouterContext.subscribeTopic(message),
                    "publish topic", RouterContext.publishTopic(message),
                    "subscriber", RouterContext.subscriberName(message),
                    "publisher", RouterContext.publisherName(message)));
            return List.of();
        });
        router.start();

        broker.publish("in", "x");

        await().until(() -> seen.get() != null);
        assertThat(seen.get()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "handler", "h",
                "subscribe topic", "in",
                "publish topic", "out",
                "subscriber", subscriber.getClass().getSimpleName(),
                "publisher", "TestPublisher"));
    }

    @Test
    void subscribeOptionsApplyToTheHandlersSubscription() {
        for (String name : List.of("member-1", "member-2")) {
            router.addConsumerHandler(name, "in", broker.newSubscriber(), deliveries::add)
                    .subscribeOptions(SubscribeOptions.group("workers"));
        }
        router.start();

        broker.publish("in", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");

        await().until(() -> deliveries.size() >= 10);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> deliveries.size() == 10);
        assertThat(deliveries).extracting(TestBroker::text).doesNotHaveDuplicates();
    }

    @Test
    void poisonQueuePublishesWithReasonAndAcks() throws Exception {
        Subscriber subscriber = broker.newSubscriber();
        router.addConsumerHandler("parser", "in", subscriber, message -> {
            deliveries.add(message);
            throw new IllegalArgumentException("cannot parse");
        }).addMiddleware(new PoisonQueue(broker.newPublisher(), "poison"));
        router.start();

        broker.publish("in", "garbage");

        Message poisoned = broker.read("poison", 1).get(0);
        assertThat(text(poisoned)).isEqualTo("garbage");
        assertThat(poisoned.id()).isEqualTo(deliveries.get(0).id());
        assertThat(poisoned.metadata().asMap()).containsAllEntriesOf(Map.of(
                PoisonQueue.REASON, "java.lang.IllegalArgumentException: cannot parse",
                PoisonQueue.TOPIC, "in",
                PoisonQueue.HANDLER, "parser",
                PoisonQueue.SUBSCRIBER, subscriber.getClass().getSimpleName()));
        assertThat(outcomeOf(deliveries.get(0))).isEqualTo(Outcome.ACKED);
        assertThat(deliveries).hasSize(1);
    }

    @Test
    void poisonQueueNacksWhenPoisonPublishFails() throws Exception {
        router.addConsumerHandler("parser", "in", broker.newSubscriber(), message -> {
            deliveries.add(message);
            if (deliveries.size() == 1) {
                throw new IllegalArgumentException("cannot parse");
            }
        }).addMiddleware(new PoisonQueue(new TestPublisher(broker.newPublisher()).failing(true), "poison"));
        router.start();

        broker.publish("in", "garbage");

        await().until(() -> deliveries.size() >= 2);
        assertThat(outcomeOf(deliveries.get(0))).isEqualTo(Outcome.NACKED);
        assertThat(outcomeOf(deliveries.get(1))).isEqualTo(Outcome.ACKED);
    }

    @Test
    void deduplicatedMessageIsAckedWithoutRunningTheHandler() throws Exception {
        router.addMiddleware(next -> message -> {
            deliveries.add(message);
            return next.handle(message);
        }, new Deduplicator());
        router.addConsumerHandler("h", "in", broker.newSubscriber(), message -> calls.add(text(message)));
        router.start();

        broker.publish("in", "same", "same");

        await().until(() -> deliveries.size() == 2);
        assertThat(outcomeOf(deliveries.get(1))).isEqualTo(Outcome.ACKED);
        assertThat(calls).containsExactly("same");
    }

    @Test
    void interruptingAWorkerDoesNotStopIt() {
        router.addConsumerHandler("h", "in", broker.newSubscriber(), deliveries::add);
        router.start();
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("millrace-handler-h-1"))
                .findFirst().orElseThrow();

        worker.interrupt();
        broker.publish("in", "x");

        await().until(() -> deliveries.size() == 1);
        assertThat(worker.isAlive()).isTrue();
    }
}
