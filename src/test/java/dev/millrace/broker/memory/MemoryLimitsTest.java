package dev.millrace.broker.memory;

import static dev.millrace.broker.memory.MemoryTestInstance.next;
import static dev.millrace.broker.memory.MemoryTestInstance.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.CapacityExceededException;
import dev.millrace.message.Message;
import dev.millrace.message.PayloadTooLargeException;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryLimitsTest {
    private final MemoryTestInstance instance = new MemoryTestInstance();

    @AfterEach
    void closeConnections() {
        instance.close();
    }

    @Test
    void publishingBeyondMaxMessagesFailsSayingWhichBoundHowFullAndHowToRaiseIt() {
        Publisher publisher = instance.connect("max-messages", "3").newPublisher();
        publisher.publish("orders", numbered("m", 3));

        assertThatThrownBy(() -> publisher.publish("orders", new Message("m-4", new byte[0])))
                .isInstanceOf(CapacityExceededException.class)
                .hasMessageContaining("topic 'orders'")
                .hasMessageContaining("holds 3 of at most 3 messages")
                .hasMessageContaining("raise the 'max-messages' option");
    }

    @Test
    void publishingBeyondMaxBytesFailsSayingWhichBoundHowFullAndHowToRaiseIt() {
        Publisher publisher = instance.connect("max-bytes", "1KiB", "max-payload", "1KiB").newPublisher();
        publisher.publish("orders", new Message("a", new byte[600]));

        assertThatThrownBy(() -> publisher.publish("orders", new Message("b", new byte[600])))
                .isInstanceOf(CapacityExceededException.class)
                .hasMessageContaining("holds 602 of at most 1024 bytes")
                .hasMessageContaining("raise the 'max-bytes' option");
    }

    @Test
    void maxMessagesBoundsEachTopicOnItsOwn() {
        BrokerConnection connection = instance.connect("max-messages", "2");
        Publisher publisher = connection.newPublisher();

        publisher.publish("orders", numbered("order", 2));
        publisher.publish("invoices", numbered("invoice", 2));

        assertThat(connection.admin().listTopics()).extracting(TopicInfo::messageCount).containsExactly(2L, 2L);
    }

    @Test
    void aPublishThatDoesNotFitStoresNoneOfItsMessages() {
        BrokerConnection connection = instance.connect("max-messages", "3");
        Publisher publisher = connection.newPublisher();
        publisher.publish("orders", numbered("first", 2));

        assertThatThrownBy(() -> publisher.publish("orders", numbered("second", 2)))
                .isInstanceOf(CapacityExceededException.class);

        assertThat(connection.admin().describeTopic("orders").info().messageCount()).isEqualTo(2);
    }

    @Test
    void payloadOverMaxPayloadFailsNamingTheLimit() {
        Publisher publisher = instance.connect("max-payload", "100").newPublisher();

        assertThatThrownBy(() -> publisher.publish("orders", new Message("big", new byte[101])))
                .isInstanceOfSatisfying(PayloadTooLargeException.class, e -> {
                    assertThat(e.limit()).isEqualTo(100);
                    assertThat(e.size()).isEqualTo(101);
                })
                .hasMessageContaining("limit of 100 bytes");
    }

    @Test
    void ackedMessagesMakeRoomWhenNotPersistent() throws InterruptedException {
        BrokerConnection connection = instance.connect("persistent", "false", "max-messages", "2");
        Subscription subscription = connection.newSubscriber().subscribe("orders", SubscribeOptions.group("g"));
        Publisher publisher = connection.newPublisher();
        publisher.publish("orders", numbered("m", 2));
        assertThatThrownBy(() -> publisher.publish("orders", new Message("m-3", new byte[0])))
                .isInstanceOf(CapacityExceededException.class);

        next(subscription).ack();
        publisher.publish("orders", new Message("m-3", new byte[0]));

        assertThat(connection.admin().describeTopic("orders").info().messageCount()).isEqualTo(2);
    }
}
