package dev.millrace.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Metadata;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscription;
import dev.millrace.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin view over the management API: exchanges, queues, depths, bindings, consumers, peeking. */
class AmqpAdminTest {
    private static final Duration STATISTICS = Duration.ofSeconds(15);
    private static final SubscribeOptions BILLING = SubscribeOptions.group("billing");
    private static final SubscribeOptions SHIPPING = SubscribeOptions.group("shipping");
    private static RabbitMqServer server;
    private static String virtualHost;

    private final String topic = "orders-" + Message.newId().substring(0, 8);
    private BrokerConnection connection;
    private BrokerAdmin admin;

    @BeforeAll
    static void createVirtualHost() {
        server = RabbitMqServer.shared();
        virtualHost = server.newVirtualHost("admin");
    }

    @AfterAll
    static void deleteVirtualHost() {
        server.deleteVirtualHost(virtualHost);
    }

    @BeforeEach
    void connect() {
        connection = new AmqpBrokerAdapter().connect(server.options(virtualHost));
        admin = connection.admin();
    }

    @AfterEach
    void disconnect() {
        connection.close();
    }

    @Test
    void topicsAreTheExchangesAndQueuesWithTheirDepth() {
        connection.newSubscriber().initialize(topic, BILLING);
        connection.newPublisher().publish(topic, messages(3));
        String queue = topic + "_billing";

        await().atMost(STATISTICS).untilAsserted(() -> assertThat(admin.listTopics())
                .contains(new TopicInfo(topic, "exchange", TopicInfo.UNKNOWN, TopicInfo.UNKNOWN))
                .anySatisfy(info -> {
                    assertThat(info.name()).isEqualTo(queue);
                    assertThat(info.kind()).isEqualTo("queue");
                    assertThat(info.messageCount()).isEqualTo(3);
                    assertThat(info.bytes()).isPositive();
                }));
    }

    @Test
    void topicDetailsShowBindingsAndEachGroupsBacklogAndReaders() {
        connection.newSubscriber().initialize(topic, BILLING);
        Subscription shipping = connection.newSubscriber().subscribe(topic, SHIPPING);
        connection.newPublisher().publish(topic, messages(2));

        await().atMost(STATISTICS).untilAsserted(() -> {
            TopicDetails details = admin.describeTopic(topic);
            assertThat(details.info().kind()).isEqualTo("exchange");
            assertThat(details.attributes()).containsEntry("type", "topic").containsEntry("durable", "true");
            assertThat(details.attributes().get("bindings"))
                    .contains("queue '" + topic + "_billing' (binding key '#')", topic + "_shipping");
            assertThat(details.consumers()).containsExactlyInAnyOrder(
                    new TopicDetails.ConsumerInfo(topic + "_billing", 0, 2),
                    new TopicDetails.ConsumerInfo(topic + "_shipping", 1, 2));
        });
        shipping.close();
    }

    @Test
    void aQueueCanBeDescribedByItsName() {
        connection.newSubscriber().initialize(topic, BILLING);
        connection.newPublisher().publish(topic, messages(1));
        String queue = topic + "_billing";

        await().atMost(STATISTICS).untilAsserted(() -> {
            TopicDetails details = admin.describeTopic(queue);
            assertThat(details.info().name()).isEqualTo(queue);
            assertThat(details.info().kind()).isEqualTo("queue");
            assertThat(details.info().messageCount()).isEqualTo(1);
            assertThat(details.attributes()).containsEntry("messages ready", "1");
            assertThat(details.attributes().get("bindings")).contains("from exchange '" + topic + "' (binding key '#')");
        });
    }

    @Test
    void queueOptionsShowAsQueueArguments() {
        Map<String, String> options = new HashMap<>(server.options(virtualHost));
        options.put(AmqpSettings.QUEUE_MESSAGE_TTL, "90s");
        options.put(AmqpSettings.QUEUE_MAX_LENGTH, "1000");
        options.put(AmqpSettings.DEAD_LETTER_EXCHANGE, "dead-letters");
        try (BrokerConnection limited = new AmqpBrokerAdapter().connect(options)) {
            limited.newSubscriber().initialize(topic, BILLING);

            assertThat(admin.describeTopic(topic + "_billing").attributes().get("arguments"))
                    .contains("\"x-message-ttl\":90000", "\"x-max-length\":1000",
                            "\"x-dead-letter-exchange\":\"dead-letters\"");
        }
    }

    @Test
    void describingAnUnknownTopicFailsNamingIt() {
        MessagingException failure = catchThrowableOfType(MessagingException.class,
                () -> admin.describeTopic("no-such-topic"));

        assertThat(failure.getMessage()).contains("no-such-topic", virtualHost);
    }

    @Test
    void peekShowsTheOldestWaitingMessagesWithoutConsumingThem() throws InterruptedException {
        connection.newSubscriber().initialize(topic, BILLING);
        List<Message> sent = messages(3);
        sent.getFirst().metadata().set("first", "yes");
        connection.newPublisher().publish(topic, sent);

        List<Message> peeked = admin.peek(topic, 2);

        assertThat(peeked).containsExactly(sent.get(0), sent.get(1));
        assertThat(peeked.getFirst().envelope().topic()).isEqualTo(topic);
        Subscription subscription = connection.newSubscriber().subscribe(topic, BILLING);
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            Message message = subscription.receive(Duration.ofSeconds(10));
            received.add(message);
            message.ack();
        }
        assertThat(received).containsExactlyElementsOf(sent);
        assertThat(received.getFirst().envelope().redelivered()).as("peeked messages come back redelivered").isTrue();
    }

    @Test
    void peekOfATopicWithNothingWaitingIsEmpty() {
        connection.newSubscriber().initialize(topic, BILLING);

        assertThat(admin.peek(topic, 5)).isEmpty();
    }

    @Test
    void missingManagementPluginIsNamedInTheError() {
        Map<String, String> options = new HashMap<>(server.options(virtualHost));
        options.put(AmqpSettings.MANAGEMENT_URL, "http://127.0.0.1:" + FreePorts.next() + "/");
        try (BrokerConnection withoutApi = new AmqpBrokerAdapter().connect(options)) {
            MessagingException failure = catchThrowableOfType(MessagingException.class,
                    () -> withoutApi.admin().listTopics());

            assertThat(failure.getMessage()).contains("rabbitmq_management");
        }
    }

    @Test
    void wrongManagementPasswordIsReportedAsSuch() {
        Map<String, String> options = new HashMap<>(server.options(virtualHost));
        options.put(AmqpSettings.MANAGEMENT_PASSWORD, "not-it");
        try (BrokerConnection wrongApiPassword = new AmqpBrokerAdapter().connect(options)) {
            MessagingException failure = catchThrowableOfType(MessagingException.class,
                    () -> wrongApiPassword.admin().listTopics());

            assertThat(failure.getMessage()).contains("refused user 'guest'").doesNotContain("not-it");
        }
    }

    private static List<Message> messages(int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(new Message(Message.newId(), Metadata.of("index", String.valueOf(i)),
                    ("payload " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return messages;
    }
}
