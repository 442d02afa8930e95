package dev.millrace.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicDetails.ConsumerInfo;
import dev.millrace.broker.TopicDetails.PartitionInfo;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The browse side against a topic of three partitions. */
class KafkaAdminTest {
    private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();

    private final String topic = "admin-" + UUID.randomUUID();
    private BrokerConnection connection;
    private BrokerAdmin admin;

    @BeforeEach
    void connect() {
        Map<String, String> options = new HashMap<>(BROKER.options());
        options.put("topic.partitions", "3");
        connection = Brokers.require("kafka").connect(options);
        admin = connection.admin();
    }

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void listedTopicsCountTheMessagesTheyHold() throws InterruptedException {
        publishNumbered(10);

        TopicInfo info = admin.listTopics().stream().filter(topicInfo -> topicInfo.name().equals(topic))
                .findFirst().orElseThrow();

        assertThat(info.kind()).isEqualTo("topic");
        assertThat(info.messageCount()).isEqualTo(10);
        assertThat(info.bytes()).isPositive();
    }

    @Test
    void aDescribedTopicShowsItsPartitionOffsetsAndConfigs() throws InterruptedException {
        publishNumbered(10);

        TopicDetails details = admin.describeTopic(topic);

        assertThat(details.partitions()).extracting(PartitionInfo::partition).containsExactly(0, 1, 2);
        assertThat(details.partitions().stream().mapToLong(PartitionInfo::nextSequence).sum()).isEqualTo(10);
        assertThat(details.attributes()).containsEntry("partitions", "3").containsEntry("replication factor", "1")
                .containsKey("retention.ms").containsKey("max.message.bytes");
    }

    @Test
    void aDescribedTopicShowsConsumerGroupsWithTheirMembersAndBacklog() throws InterruptedException {
        publishNumbered(10);
        String group = "browse-" + UUID.randomUUID();
        Subscription subscription = connection.newSubscriber().subscribe(topic, SubscribeOptions.group(group));
        for (int i = 0; i < 4; i++) {
            subscription.receive(Duration.ofSeconds(15)).ack();
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(admin.describeTopic(topic).consumers())
                .containsExactly(new ConsumerInfo(group, 1, 6)));
    }

    @Test
    void peekReturnsTheLatestMessagesOfEveryPartitionOldestFirst() throws InterruptedException {
        List<Message> sent = publishNumbered(10);

        List<Message> peeked = admin.peek(topic, 4);

        assertThat(peeked).extracting(Message::id)
                .containsExactlyElementsOf(sent.subList(6, 10).stream().map(Message::id).toList());
    }

    @Test
    void peekingJoinsNoGroupAndCommitsNothing() throws Exception {
        publishNumbered(3);

        admin.peek(topic, 3);

        try (Admin kafka = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrapServers()))) {
            assertThat(kafka.listGroups().all().get()).noneMatch(group -> group.groupId().contains(topic));
        }
        assertThat(admin.describeTopic(topic).consumers()).isEmpty();
    }

    @Test
    void describingATopicThatDoesNotExistSaysSo() {
        assertThatThrownBy(() -> admin.describeTopic("missing-" + UUID.randomUUID()))
                .isInstanceOf(MessagingException.class).hasMessageContaining("does not exist");
    }

    /**
     * Publishes {@code count} messages one by one, each on its own key so that they spread over the partitions, and
     * each in a later millisecond than the one before, so that broker timestamps order them.
     */
    private List<Message> publishNumbered(int count) throws InterruptedException {
        List<Message> sent = new ArrayList<>();
        try (Publisher publisher = connection.newPublisher()) {
            for (int i = 0; i < count; i++) {
                Message message = Message.of(String.valueOf(i).getBytes(StandardCharsets.UTF_8)).withKey("key-" + i);
                publisher.publish(topic, message);
                sent.add(message);
                Thread.sleep(2);
            }
        }
        return sent;
    }
}
