package dev.millrace.broker.memory;

import static dev.millrace.broker.memory.MemoryTestInstance.ackNext;
import static dev.millrace.broker.memory.MemoryTestInstance.next;
import static dev.millrace.broker.memory.MemoryTestInstance.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Publisher;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryStartPositionTest {
    private final MemoryTestInstance instance = new MemoryTestInstance();
    private final BrokerConnection connection = instance.connect();
    private final Publisher publisher = connection.newPublisher();
    private final Subscriber subscriber = connection.newSubscriber();

    @BeforeEach
    void publishHistory() {
        publisher.publish("orders", numbered("old", 3));
    }

    @AfterEach
    void closeConnections() {
        instance.close();
    }

    @Test
    void newGroupStartsAtTheOldestMessageWhenPersistent() throws InterruptedException {
        Subscription subscription = subscriber.subscribe("orders", SubscribeOptions.group("g"));

        assertThat(ackNext(subscription, 3)).containsExactly("old-1", "old-2", "old-3");
    }

    @Test
    void earliestStartsAtTheOldestMessage() throws InterruptedException {
        Subscription subscription = subscriber.subscribe("orders",
                SubscribeOptions.DEFAULT.startingAt(StartPosition.EARLIEST));

        assertThat(next(subscription).id()).isEqualTo("old-1");
    }

    @Test
    void latestSkipsWhatWasPublishedBefore() throws InterruptedException {
        Subscription subscription = subscriber.subscribe("orders",
                SubscribeOptions.DEFAULT.startingAt(StartPosition.LATEST));
        publisher.publish("orders", new Message("new-1", new byte[0]));

        assertThat(next(subscription).id()).isEqualTo("new-1");
    }

    @Test
    void atSequenceStartsAtThatSequence() throws InterruptedException {
        Subscription subscription = subscriber.subscribe("orders",
                SubscribeOptions.DEFAULT.startingAt(new StartPosition.AtSequence(2)));

        Message first = next(subscription);

        assertThat(first.id()).isEqualTo("old-2");
        assertThat(first.envelope().sequence()).isEqualTo(2);
    }

    @Test
    void atSequenceBeyondTheEndWaitsForNewMessages() throws InterruptedException {
        Subscription subscription = subscriber.subscribe("orders",
                SubscribeOptions.DEFAULT.startingAt(new StartPosition.AtSequence(99)));
        publisher.publish("orders", new Message("new-1", new byte[0]));

        assertThat(next(subscription).id()).isEqualTo("new-1");
    }

    @Test
    void atTimeStartsAtTheFirstMessageStoredThenOrLater() throws InterruptedException {
        Thread.sleep(5);
        Instant cut = Instant.now();
        Thread.sleep(5);
        publisher.publish("orders", new Message("new-1", new byte[0]));

        Subscription subscription = subscriber.subscribe("orders",
                SubscribeOptions.DEFAULT.startingAt(new StartPosition.AtTime(cut)));

        assertThat(next(subscription).id()).isEqualTo("new-1");
    }

    @Test
    void committedContinuesWhereTheGroupLeftOff() throws InterruptedException {
        Subscription first = subscriber.subscribe("orders", SubscribeOptions.group("g"));
        ackNext(first, 2);
        first.close();

        Subscription second = subscriber.subscribe("orders", SubscribeOptions.group("g"));

        assertThat(next(second).id()).isEqualTo("old-3");
    }

    @Test
    void idleGroupMovesToAnExplicitPosition() throws InterruptedException {
        Subscription first = subscriber.subscribe("orders", SubscribeOptions.group("g"));
        ackNext(first, 3);
        first.close();

        Subscription again = subscriber.subscribe("orders",
                SubscribeOptions.group("g").startingAt(StartPosition.EARLIEST));

        assertThat(next(again).id()).isEqualTo("old-1");
    }

    @Test
    void activeGroupCannotBeMoved() {
        subscriber.subscribe("orders", SubscribeOptions.group("g"));

        assertThatThrownBy(() -> subscriber.subscribe("orders",
                SubscribeOptions.group("g").startingAt(StartPosition.EARLIEST)))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("consumer group 'g' on topic 'orders' has 1 active subscription(s)")
                .hasMessageContaining("StartPosition.COMMITTED");
    }

    @Test
    void startPositionsDoNotMoveOtherGroups() throws InterruptedException {
        Subscription other = subscriber.subscribe("orders", SubscribeOptions.group("other"));
        ackNext(other, 3);
        subscriber.subscribe("orders", SubscribeOptions.group("g").startingAt(StartPosition.LATEST));

        assertThat(other.receive(Duration.ofMillis(50))).isNull();
    }
}
