package dev.millrace.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Outcome;
import dev.millrace.message.Subscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Starting, running and closing a router (CONFORMANCE.md, "Router semantics"), on the in-memory broker. */
class RouterLifecycleTest {
    private final TestBroker broker = TestBroker.start();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final List<Message> deliveries = new CopyOnWriteArrayList<>();
    private Router router = new Router(new RouterConfig(Duration.ofSeconds(5)));

    @AfterEach
    void closeRouterAndBroker() {
        release.countDown();
        try {
            router.close();
        } finally {
            broker.close();
        }
    }

    /** A consumer that signals {@link #entered} and then holds its message until {@link #release}. */
    private void blockUntilReleased(Message message) throws InterruptedException {
        deliveries.add(message);
        entered.countDown();
        release.await();
    }

    @Test
    void startReturnsOnceEveryHandlerIsSubscribed() throws Exception {
        try (TestBroker transientBroker = TestBroker.startTransient()) {
            router.addConsumerHandler("first", "in", transientBroker.newSubscriber(), deliveries::add);
            router.addConsumerHandler("second", "in", transientBroker.newSubscriber(), deliveries::add);
            router.start();

            transientBroker.publish("in", "published right after start");

            await().until(() -> deliveries.size() == 2);
            router.close();
        }
    }

    @Test
    void isRunningOnlyBetweenStartAndClose() {
        router.addConsumerHandler("h", "in", broker.newSubscriber(), message -> { });
        assertThat(router.isRunning()).isFalse();

        router.start();
        assertThat(router.isRunning()).isTrue();

        router.close();
        assertThat(router.isRunning()).isFalse();
    }

    @Test
    void runBlocksUntilTheRouterIsClosed() throws Exception {
        router.addConsumerHandler("h", "in", broker.newSubscriber(), message -> { });
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                router.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().until(router::isRunning);
        assertThat(running).isNotDone();

        router.close();

        running.get(5, TimeUnit.SECONDS);
    }

    @Test
    void pluginsRunWhenTheRouterStartsWithItsHandlersSubscribed() {
        AtomicBoolean runningWhenPluginRan = new AtomicBoolean();
        router.addConsumerHandler("h", "in", broker.newSubscriber(), message -> { });
        router.addPlugin(started -> runningWhenPluginRan.set(started.isRunning()));

        router.start();

        assertThat(runningWhenPluginRan).isTrue();
    }

    @Test
    void failingPluginFailsStartAndClosesTheRouter() {
        TestPublisher publisher = new TestPublisher(broker.newPublisher());
        router.addHandler("h", "in", broker.newSubscriber(), "out", publisher, message -> List.of());
        router.addPlugin(started -> {
            throw new IllegalStateException("plugin broke");
        });

        assertThatThrownBy(router::start).hasMessage("plugin broke");
        assertThat(router.isRunning()).isFalse();
        assertThat(publisher.closes()).isEqualTo(1);
    }

    @Test
    void startFailsAndClosesWhenASubscriptionCannotBeOpened() {
        TestPublisher publisher = new TestPublisher(broker.newPublisher());
        Subscriber closed = broker.newSubscriber();
        closed.close();
        router.addHandler("fine", "in", broker.newSubscriber(), "out", publisher, message -> List.of());
        router.addConsumerHandler("broken", "in", closed, message -> { });

        assertThatThrownBy(router::start).isInstanceOf(MessagingException.class);
        assertThat(router.isRunning()).isFalse();
        assertThat(publisher.closes()).isEqualTo(1);
    }

    @Test
    void handlersCannotBeAddedAfterStart() {
        router.start();

        assertThatThrownBy(() -> router.addConsumerHandler("late", "in", broker.newSubscriber(), message -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void startAfterCloseIsRejected() {
        router.close();

        assertThatThrownBy(router::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrencyStartsThatManyWorkerThreadsNamedAfterTheHandler() {
        router.addConsumerHandler("busy", "in", broker.newSubscriber(), message -> { }).concurrency(3);

        router.start();

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .filteredOn(name -> name.startsWith("millrace-handler-busy-"))
                .containsExactlyInAnyOrder("millrace-handler-busy-1", "millrace-handler-busy-2",
                        "millrace-handler-busy-3");
    }

    @Test
    void closeWaitsForInFlightMessages() throws Exception {
        router.addConsumerHandler("slow", "in", broker.newSubscriber(), this::blockUntilReleased);
        router.start();
        broker.publish("in", "x");
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(router::close);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !closing.isDone());
        release.countDown();

        closing.get(5, TimeUnit.SECONDS);
        assertThat(deliveries.get(0).settled().getNow(null)).isEqualTo(Outcome.ACKED);
    }

    @Test
    void closeEndsTheContextOfInFlightMessages() throws Exception {
        AtomicReference<String> cause = new AtomicReference<>();
        router.addConsumerHandler("watching", "in", broker.newSubscriber(), message -> {
            CountDownLatch done = new CountDownLatch(1);
            message.context().onDone(done::countDown);
            entered.countDown();
            done.await();
            cause.set(message.context().cause().orElseThrow());
        });
        router.start();
        broker.publish("in", "x");
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        router.close();

        assertThat(cause.get()).isEqualTo("subscription closed");
    }

    @Test
    void closeTimesOutWithError() throws Exception {
        router = new Router(new RouterConfig(Duration.ofMillis(100)));
        router.addConsumerHandler("stuck", "in", broker.newSubscriber(), this::blockUntilReleased);
        router.addConsumerHandler("idle", "other", broker.newSubscriber(), message -> { });
        router.start();
        broker.publish("in", "x");
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(router::close)
                .isInstanceOf(RouterCloseTimeoutException.class)
                .satisfies(e -> assertThat(((RouterCloseTimeoutException) e).busyHandlers()).containsExactly("stuck"));
        assertThat(router.isRunning()).isFalse();
    }

    @Test
    void closeClosesEachHandlerPublisherOnceEvenWhenShared() {
        TestPublisher shared = new TestPublisher(broker.newPublisher());
        TestPublisher own = new TestPublisher(broker.newPublisher());
        router.addHandler("a", "in-a", broker.newSubscriber(), "out", shared, message -> List.of());
        router.addHandler("b", "in-b", broker.newSubscriber(), "out", shared, message -> List.of());
        router.addHandler("c", "in-c", broker.newSubscriber(), "out", own, message -> List.of());
        router.start();

        router.close();

        assertThat(shared.closes()).isEqualTo(1);
        assertThat(own.closes()).isEqualTo(1);
    }

    @Test
    void closeIsIdempotent() {
        TestPublisher publisher = new TestPublisher(broker.newPublisher());
        router.addHandler("h", "in", broker.newSubscriber(), "out", publisher, message -> List.of());
        router.start();

        router.close();
        router.close();

        assertThat(publisher.closes()).isEqualTo(1);
    }

    @Test
    void closeFromInsideAHandlerClosesTheRouterWithoutWaitingForItself() throws Exception {
        router.addConsumerHandler("quitter", "in", broker.newSubscriber(), message -> {
            deliveries.add(message);
            router.close();
        });
        router.start();

        broker.publish("in", "stop");

        await().until(() -> !deliveries.isEmpty() && !router.isRunning());
        assertThat(deliveries.get(0).settled().get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.ACKED);
    }

    @Test
    void routerClosesItselfWhenEveryStreamHasEnded() throws Exception {
        Subscriber subscriber = broker.newSubscriber();
        router.addConsumerHandler("a", "in-a", subscriber, message -> { });
        router.addConsumerHandler("b", "in-b", subscriber, message -> { });
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                router.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().until(router::isRunning);

        subscriber.close();

        running.get(5, TimeUnit.SECONDS);
        assertThat(router.isRunning()).isFalse();
    }
}
