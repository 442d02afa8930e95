package dev.millrace.broker.memory;

import static dev.millrace.broker.memory.MemoryTestInstance.ackNext;
import static dev.millrace.broker.memory.MemoryTestInstance.next;
import static dev.millrace.broker.memory.MemoryTestInstance.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryDeliveryTest {
    private static final SubscribeOptions GROUP = SubscribeOptions.group("g");

    private final MemoryTestInstance instance = new MemoryTestInstance();
    private final BrokerConnection connection = instance.connect();
    private final Publisher publisher = connection.newPublisher();
    private final Subscriber subscriber = connection.newSubscriber();

    @AfterEach
    void closeConnections() {
        instance.close();
    }

    @Test
    void envelopeSaysWhereAndWhenTheMessageCameFrom() throws InterruptedException {
        Instant before = Instant.now();
        publisher.publish("orders", numbered("m", 1).getFirst().withKey("customer-7"));
        long nanosBefore = System.nanoTime();

        Message received = next(subscriber.subscribe("orders"));

        Envelope envelope = received.envelope();
        assertThat(envelope.brokerId()).isEqualTo("memory");
        assertThat(envelope.topic()).isEqualTo("orders");
        assertThat(envelope.key()).isEqualTo("customer-7").isEqualTo(received.key());
        assertThat(envelope.partition()).isEqualTo(Envelope.NONE);
        assertThat(envelope.sequence()).isEqualTo(1);
        assertThat(envelope.brokerTimestamp()).isBetween(before, envelope.receivedAt());
        assertThat(envelope.receivedNanos()).isGreaterThan(nanosBefore);
        assertThat(envelope.redelivered()).isFalse();
    }

    @Test
    void everyDeliveryIsAFreshMessageWithItsOwnAckState() throws InterruptedException {
        Message sent = new Message("m-1", Metadata.of("k", "v"), new byte[] {1, 2});
        publisher.publish("orders", sent);
        Subscription subscription = subscriber.subscribe("orders");

        Message first = next(subscription);
        first.nack();
        Message second = next(subscription);

        assertThat(second).isNotSameAs(first).isEqualTo(first).isEqualTo(sent);
        assertThat(second.metadata()).isNotSameAs(first.metadata());
        assertThat(second.isSettled()).isFalse();
        assertThat(second.envelope().redelivered()).isTrue();
    }

    @Test
    void changesToAPublishedMessageDoNotReachSubscribers() throws InterruptedException {
        Message sent = new Message("m-1", Metadata.of("state", "published"), new byte[0]);
        publisher.publish("orders", sent);
        sent.metadata().set("state", "changed afterwards");

        assertThat(next(subscriber.subscribe("orders")).metadata().get("state")).isEqualTo("published");
    }

    @Test
    void nextMessageWaitsUntilTheCurrentOneIsSettled() throws InterruptedException {
        publisher.publish("orders", numbered("m", 2));
        Subscription subscription = subscriber.subscribe("orders");
        Message first = next(subscription);

        assertThat(subscription.receive(Duration.ofMillis(50))).isNull();
        first.ack();
        assertThat(next(subscription).id()).isEqualTo("m-2");
    }

    @Test
    void nackedMessageComesBackBeforeNewerOnes() throws InterruptedException {
        publisher.publish("orders", numbered("m", 3));
        Subscription subscription = subscriber.subscribe("orders");

        next(subscription).nack();

        assertThat(ackNext(subscription, 3)).containsExactly("m-1", "m-2", "m-3");
    }

    @Test
    void subscriptionsOfOneGroupShareItsMessages() throws InterruptedException {
        publisher.publish("orders", numbered("m", 4));
        Subscription first = subscriber.subscribe("orders", GROUP);
        Subscription second = subscriber.subscribe("orders", GROUP);
        List<String> received = new ArrayList<>();

        for (int i = 0; i < 2; i++) {
            Message fromFirst = next(first);
            Message fromSecond = next(second);
            received.add(fromFirst.id());
            received.add(fromSecond.id());
            fromFirst.ack();
            fromSecond.ack();
        }

        assertThat(received).containsExactlyInAnyOrder("m-1", "m-2", "m-3", "m-4");
        assertThat(first.receive(Duration.ofMillis(20))).isNull();
    }

    @Test
    void eachGroupReceivesEveryMessage() throws InterruptedException {
        Subscription billing = subscriber.subscribe("orders", SubscribeOptions.group("billing"));
        Subscription audit = subscriber.subscribe("orders", SubscribeOptions.group("audit"));
        publisher.publish("orders", numbered("m", 2));

        assertThat(ackNext(billing, 2)).containsExactly("m-1", "m-2");
        assertThat(ackNext(audit, 2)).containsExactly("m-1", "m-2");
    }

    @Test
    void subscriptionsWithoutAGroupEachReceiveEveryMessage() throws InterruptedException {
        Subscription one = subscriber.subscribe("orders");
        Subscription another = subscriber.subscribe("orders");
        publisher.publish("orders", numbered("m", 2));

        assertThat(ackNext(one, 2)).containsExactly("m-1", "m-2");
        assertThat(ackNext(another, 2)).containsExactly("m-1", "m-2");
    }

    @Test
    void closingASubscriptionHandsItsUnsettledMessageBackToTheGroup() throws InterruptedException {
        publisher.publish("orders", numbered("m", 2));
        Subscription closing = subscriber.subscribe("orders", GROUP);
        next(closing);

        closing.close();
        Message again = next(subscriber.subscribe("orders", GROUP));

        assertThat(again.id()).isEqualTo("m-1");
        assertThat(again.envelope().redelivered()).isTrue();
    }

    @Test
    void ackArrivingAfterTheSubscriptionClosedSparesTheRedelivery() throws InterruptedException {
        publisher.publish("orders", numbered("m", 2));
        Subscription closing = subscriber.subscribe("orders", GROUP);
        Message late = next(closing);
        closing.close();

        late.ack();

        assertThat(next(subscriber.subscribe("orders", GROUP)).id()).isEqualTo("m-2");
    }

    @Test
    void closingEndsAReceiveWaitingForMessages() throws Exception {
        Subscription subscription = subscriber.subscribe("orders");
        CompletableFuture<Message> waiting = receiveInBackground(subscription);

        subscription.close();

        assertThat(waiting.get(1, TimeUnit.SECONDS)).isNull();
        assertThat(subscription.isClosed()).isTrue();
    }

    @Test
    void closingEndsAReceiveWaitingForTheCurrentMessageToBeSettled() throws Exception {
        publisher.publish("orders", numbered("m", 2));
        Subscription subscription = subscriber.subscribe("orders");
        next(subscription);
        CompletableFuture<Message> waiting = receiveInBackground(subscription);

        subscription.close();

        assertThat(waiting.get(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void closingTheSubscriberEndsItsSubscriptions() throws Exception {
        Subscription subscription = subscriber.subscribe("orders");
        CompletableFuture<Message> waiting = receiveInBackground(subscription);

        subscriber.close();

        assertThat(waiting.get(1, TimeUnit.SECONDS)).isNull();
        assertThat(subscription.isClosed()).isTrue();
    }

    @Test
    void messageContextEndsWithTheOutcome() throws InterruptedException {
        publisher.publish("orders", numbered("m", 3));
        Subscription subscription = subscriber.subscribe("orders", GROUP);

        Message acked = next(subscription);
        acked.ack();
        Message nacked = next(subscription);
        nacked.nack();
        Message unsettled = next(subscription);
        subscription.close();

        assertThat(acked.context().cause()).contains("acked");
        assertThat(nacked.context().cause()).contains("nacked");
        assertThat(unsettled.context().cause()).contains("subscription closed");
    }

    @Test
    void ackTakesEffectBeforeItReturns() throws InterruptedException {
        publisher.publish("orders", numbered("m", 1));
        Message message = next(subscriber.subscribe("orders", GROUP));

        message.ack();

        assertThat(connection.admin().describeTopic("orders").consumers().getFirst().pending()).isZero();
    }

    @Test
    void waitingReaderWakesWhenAMessageIsPublished() throws Exception {
        Subscription subscription = subscriber.subscribe("orders");
        CompletableFuture<Message> waiting = receiveInBackground(subscription);

        publisher.publish("orders", numbered("m", 1));

        assertThat(waiting.get(1, TimeUnit.SECONDS).id()).isEqualTo("m-1");
    }

    private static CompletableFuture<Message> receiveInBackground(Subscription subscription) {
        CompletableFuture<Message> received = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                received.complete(subscription.receive(Duration.ofSeconds(30)));
            } catch (Throwable e) {
                received.completeExceptionally(e);
            }
        });
        return received;
    }
}
