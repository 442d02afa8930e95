package dev.millrace.broker.memory;

import static dev.millrace.broker.memory.MemoryTestInstance.ackNext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.ConnectionException;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Publisher;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryInstancesTest {
    private final MemoryTestInstance instance = new MemoryTestInstance();
    private final MemoryTestInstance otherInstance = new MemoryTestInstance();

    @AfterEach
    void closeConnections() {
        instance.close();
        otherInstance.close();
    }

    @Test
    void connectionsNamingOneInstanceShareItsTopics() throws InterruptedException {
        BrokerConnection publishing = instance.connect();
        BrokerConnection subscribing = instance.connect();

        publishing.newPublisher().publish("orders", new Message("m-1", new byte[0]));

        assertThat(ackNext(subscribing.newSubscriber().subscribe("orders"), 1)).containsExactly("m-1");
    }

    @Test
    void instancesWithDifferentNamesAreIsolated() throws InterruptedException {
        BrokerConnection first = instance.connect();
        BrokerConnection second = otherInstance.connect();

        first.newPublisher().publish("orders", new Message("m-1", new byte[0]));

        assertThat(second.admin().listTopics()).isEmpty();
        assertThat(second.newSubscriber().subscribe("orders").receive(Duration.ofMillis(50))).isNull();
    }

    @Test
    void instanceLivesWhileAnyOfItsConnectionsIsOpen() throws InterruptedException {
        BrokerConnection closing = instance.connect();
        BrokerConnection staying = instance.connect();
        closing.newPublisher().publish("orders", new Message("m-1", new byte[0]));

        closing.close();

        assertThat(ackNext(staying.newSubscriber().subscribe("orders"), 1)).containsExactly("m-1");
    }

    @Test
    void instanceIsDiscardedWhenItsLastConnectionCloses() {
        BrokerConnection only = instance.connect();
        only.newPublisher().publish("orders", new Message("m-1", new byte[0]));

        only.close();

        assertThat(instance.connect().admin().listTopics()).extracting(TopicInfo::name).isEmpty();
    }

    @Test
    void joiningAnOpenInstanceWithOtherSettingsFails() {
        instance.connect("max-messages", "10");

        assertThatThrownBy(() -> instance.connect("max-messages", "20"))
                .isInstanceOfSatisfying(ConnectionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS))
                .hasMessageContaining("memory instance '" + instance.name() + "' is already open with")
                .hasMessageContaining("max-messages=10");
    }

    @Test
    void closingAConnectionClosesWhatItOpened() {
        BrokerConnection connection = instance.connect();
        Publisher publisher = connection.newPublisher();
        Subscriber subscriber = connection.newSubscriber();
        Subscription subscription = subscriber.subscribe("orders");

        connection.close();

        assertThat(subscription.isClosed()).isTrue();
        assertThatThrownBy(() -> publisher.publish("orders", new Message("m-1", new byte[0])))
                .isInstanceOf(MessagingException.class).hasMessageContaining("publisher is closed");
        assertThatThrownBy(() -> subscriber.subscribe("orders"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("subscriber is closed");
        assertThatThrownBy(connection::newPublisher)
                .isInstanceOf(MessagingException.class).hasMessageContaining("is closed");
    }

    @Test
    void closingAConnectionTwiceReleasesTheInstanceOnce() throws InterruptedException {
        BrokerConnection closedTwice = instance.connect();
        BrokerConnection staying = instance.connect();
        staying.newPublisher().publish("orders", new Message("m-1", new byte[0]));

        closedTwice.close();
        closedTwice.close();

        assertThat(ackNext(staying.newSubscriber().subscribe("orders"), 1)).containsExactly("m-1");
    }
}
