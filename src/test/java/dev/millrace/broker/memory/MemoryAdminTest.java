package dev.millrace.broker.memory;

import static dev.millrace.broker.memory.MemoryTestInstance.ackNext;
import static dev.millrace.broker.memory.MemoryTestInstance.next;
import static dev.millrace.broker.memory.MemoryTestInstance.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Metadata;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryAdminTest {
    private final MemoryTestInstance instance = new MemoryTestInstance();
    private final BrokerConnection connection = instance.connect();
    private final BrokerAdmin admin = connection.admin();

    @AfterEach
    void closeConnections() {
        instance.close();
    }

    @Test
    void listsTopicsByNameWithMessageCountsAndBytes() {
        connection.newPublisher().publish("orders", new Message("o1", new byte[10]), new Message("o2", new byte[10]));
        connection.newPublisher().publish("invoices",
                new Message("i1", Metadata.of("k", "vv"), new byte[5]).withKey("key"));

        assertThat(admin.listTopics()).containsExactly(
                // bytes: payload plus two per character of id, key and metadata
                new TopicInfo("invoices", "topic", 1, 5 + 2 * (2 + 3 + 3)),
                new TopicInfo("orders", "topic", 2, 2 * (10 + 2 * 2)));
    }

    @Test
    void describesTheSequenceRangeAndEachGroupWithItsMembersAndPending() throws InterruptedException {
        connection.newPublisher().publish("orders", numbered("m", 5));
        Subscription reading = connection.newSubscriber().subscribe("orders", SubscribeOptions.group("billing"));
        ackNext(reading, 1);
        next(reading);
        connection.newSubscriber().initialize("orders", SubscribeOptions.group("audit"));

        TopicDetails details = admin.describeTopic("orders");

        assertThat(details.info().messageCount()).isEqualTo(5);
        assertThat(details.partitions()).containsExactly(new TopicDetails.PartitionInfo(Envelope.NONE, 1, 6));
        assertThat(details.consumers()).containsExactly(
                // 3 not yet read plus 1 delivered and unacked
                new TopicDetails.ConsumerInfo("billing", 1, 4),
                new TopicDetails.ConsumerInfo("audit", 0, 5));
        assertThat(details.attributes()).containsEntry("instance", instance.name()).containsEntry("persistent", "true");
    }

    @Test
    void describingAnUnknownTopicFailsNamingIt() {
        assertThatThrownBy(() -> admin.describeTopic("nowhere"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("no topic 'nowhere'");
    }

    @Test
    void peekReturnsTheLatestMessagesOldestFirst() {
        connection.newPublisher().publish("orders", numbered("m", 5));

        assertThat(admin.peek("orders", 3)).extracting(Message::id).containsExactly("m-3", "m-4", "m-5");
        assertThat(admin.peek("orders", 10)).hasSize(5);
    }

    @Test
    void peekedMessagesCarryTheirEnvelope() {
        connection.newPublisher().publish("orders", numbered("m", 2));

        Envelope envelope = admin.peek("orders", 1).getFirst().envelope();

        assertThat(envelope.topic()).isEqualTo("orders");
        assertThat(envelope.sequence()).isEqualTo(2);
        assertThat(envelope.redelivered()).isFalse();
    }

    @Test
    void peekingConsumesNothing() throws InterruptedException {
        connection.newPublisher().publish("orders", numbered("m", 3));
        Subscription subscription = connection.newSubscriber().subscribe("orders", SubscribeOptions.group("g"));

        admin.peek("orders", 3).forEach(Message::ack);

        assertThat(admin.describeTopic("orders").consumers().getFirst().pending()).isEqualTo(3);
        assertThat(ackNext(subscription, 3)).containsExactly("m-1", "m-2", "m-3");
    }
}
