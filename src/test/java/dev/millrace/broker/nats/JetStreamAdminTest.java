package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JetStreamAdminTest {
    private final String topic = "admin-" + Message.newId().substring(0, 8) + ".events";
    private final BrokerConnection connection = Brokers.require("jetstream")
            .connect(Map.of("servers", NatsServer.shared().url()));
    private final BrokerAdmin admin = connection.admin();

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void theBrowseListShowsEachStreamSubjectWithItsCounts() {
        publish(3);

        TopicInfo info = admin.listTopics().stream().filter(t -> t.name().equals(topic)).findFirst().orElseThrow();

        assertThat(info.kind()).isEqualTo("stream");
        assertThat(info.messageCount()).isEqualTo(3);
        assertThat(info.bytes()).isPositive();
    }

    @Test
    void detailsShowTheStreamAndItsSequenceRange() {
        publish(4);

        TopicDetails details = admin.describeTopic(topic);

        assertThat(details.attributes()).containsEntry("stream", Subjects.toName(topic))
                .containsEntry("subjects", topic).containsEntry("storage", "file").containsEntry("messages", "4");
        assertThat(details.partitions()).singleElement()
                .isEqualTo(new TopicDetails.PartitionInfo(0, 1, 5));
    }

    @Test
    void detailsShowEachConsumerGroupWithItsBacklog() throws InterruptedException {
        publish(5);
        Subscription subscription = connection.newSubscriber().subscribe(topic, SubscribeOptions.group("billing"));
        Message first = subscription.receive(Duration.ofSeconds(10));
        first.ack();
        Message unacked = subscription.receive(Duration.ofSeconds(10));

        TopicDetails.ConsumerInfo billing = admin.describeTopic(topic).consumers().stream()
                .filter(c -> c.name().equals("billing")).findFirst().orElseThrow();

        assertThat(billing.pending()).as("four left, one of them delivered and unacked").isEqualTo(4);
        unacked.ack();
    }

    @Test
    void peekReturnsTheLatestMessagesOldestFirst() {
        publish(5);

        List<Message> peeked = admin.peek(topic, 3);

        assertThat(peeked).extracting(m -> new String(m.payload(), StandardCharsets.UTF_8))
                .containsExactly("3", "4", "5");
        assertThat(peeked).extracting(m -> m.envelope().sequence()).containsExactly(3L, 4L, 5L);
    }

    @Test
    void peekConsumesNothing() throws InterruptedException {
        publish(2);
        admin.peek(topic, 2);

        Subscription subscription = connection.newSubscriber().subscribe(topic);

        assertThat(subscription.receive(Duration.ofSeconds(10))).isNotNull();
        assertThat(admin.describeTopic(topic).attributes()).containsEntry("messages", "2");
    }

    @Test
    void peekCarriesIdAndMetadata() {
        Message sent = new Message(Message.newId(), Metadata.of("k", "v"), new byte[] {1});
        connection.newPublisher().publish(topic, sent);

        assertThat(admin.peek(topic, 1)).containsExactly(sent);
    }

    @Test
    void describingATopicNoStreamStoresFails() {
        assertThatThrownBy(() -> admin.describeTopic("no-stream-" + Message.newId()))
                .isInstanceOf(MessagingException.class).hasMessageContaining("no JetStream stream");
    }

    private void publish(int count) {
        Publisher publisher = connection.newPublisher();
        for (int i = 1; i <= count; i++) {
            publisher.publish(topic, Message.of(String.valueOf(i).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
