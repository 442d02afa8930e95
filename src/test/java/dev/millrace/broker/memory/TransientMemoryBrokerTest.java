package dev.millrace.broker.memory;

import static dev.millrace.broker.memory.MemoryTestInstance.ackNext;
import static dev.millrace.broker.memory.MemoryTestInstance.next;
import static dev.millrace.broker.memory.MemoryTestInstance.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The memory broker with {@code persistent=false}: it keeps only what some consumer group still needs. */
class TransientMemoryBrokerTest {
    private final MemoryTestInstance instance = new MemoryTestInstance();
    private final BrokerConnection connection = instance.connect("persistent", "false");
    private final Publisher publisher = connection.newPublisher();
    private final Subscriber subscriber = connection.newSubscriber();
    private final BrokerAdmin admin = connection.admin();

    @AfterEach
    void closeConnections() {
        instance.close();
    }

    @Test
    void messagesPublishedWhileNoGroupExistsAreDropped() throws InterruptedException {
        publisher.publish("orders", numbered("m", 2));

        Subscription subscription = subscriber.subscribe("orders", SubscribeOptions.group("g"));

        assertThat(subscription.receive(Duration.ofMillis(50))).isNull();
        assertThat(admin.describeTopic("orders").info().messageCount()).isZero();
    }

    @Test
    void newSubscriptionStartsWithTheNextMessage() throws InterruptedException {
        subscriber.subscribe("orders", SubscribeOptions.group("early"));
        publisher.publish("orders", numbered("old", 1));

        Subscription late = subscriber.subscribe("orders");
        publisher.publish("orders", numbered("new", 1));

        assertThat(next(late).id()).isEqualTo("new-1");
    }

    @Test
    void initializedGroupKeepsMessagesUntilItReadsThem() throws InterruptedException {
        subscriber.initialize("orders", SubscribeOptions.group("g"));
        publisher.publish("orders", numbered("m", 2));

        assertThat(ackNext(subscriber.subscribe("orders", SubscribeOptions.group("g")), 2))
                .containsExactly("m-1", "m-2");
    }

    @Test
    void messageIsDroppedOnceEveryGroupHasAckedIt() throws InterruptedException {
        Subscription billing = subscriber.subscribe("orders", SubscribeOptions.group("billing"));
        Subscription audit = subscriber.subscribe("orders", SubscribeOptions.group("audit"));
        publisher.publish("orders", numbered("m", 2));

        ackNext(billing, 2);
        long afterOneGroup = admin.describeTopic("orders").info().messageCount();
        ackNext(audit, 1);
        long afterBothAckedTheFirst = admin.describeTopic("orders").info().messageCount();

        assertThat(afterOneGroup).isEqualTo(2);
        assertThat(afterBothAckedTheFirst).isEqualTo(1);
        assertThat(admin.describeTopic("orders").info().bytes()).isEqualTo(numbered("m", 2).get(1).payload().length
                + 2L * "m-2".length());
    }

    @Test
    void nackedMessageIsKeptForRedelivery() throws InterruptedException {
        Subscription subscription = subscriber.subscribe("orders");
        publisher.publish("orders", numbered("m", 1));

        next(subscription).nack();

        assertThat(admin.describeTopic("orders").info().messageCount()).isEqualTo(1);
        assertThat(ackNext(subscription, 1)).containsExactly("m-1");
        assertThat(admin.describeTopic("orders").info().messageCount()).isZero();
    }

    @Test
    void closingTheLastPrivateSubscriptionDropsWhatOnlyItNeeded() throws InterruptedException {
        Subscription subscription = subscriber.subscribe("orders");
        publisher.publish("orders", numbered("m", 3));
        next(subscription);

        subscription.close();

        assertThat(admin.describeTopic("orders").info().messageCount()).isZero();
    }
}
