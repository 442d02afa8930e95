package dev.millrace.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Metadata;
import dev.millrace.message.PayloadTooLargeException;
import dev.millrace.message.Publisher;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the RabbitMQ adapter does beyond the shared contract: AMQP properties, topology, interoperability. */
class AmqpPublishSubscribeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SubscribeOptions GROUP = SubscribeOptions.group("readers");
    private static RabbitMqServer server;
    private static String virtualHost;

    private final String topic = "topic-" + Message.newId();
    private BrokerConnection connection;

    @BeforeAll
    static void createVirtualHost() {
        server = RabbitMqServer.shared();
        virtualHost = server.newVirtualHost("pubsub");
    }

    @AfterAll
    static void deleteVirtualHost() {
        server.deleteVirtualHost(virtualHost);
    }

    @BeforeEach
    void connect() {
        connection = new AmqpBrokerAdapter().connect(server.options(virtualHost));
    }

    @AfterEach
    void disconnect() {
        connection.close();
    }

    @Test
    void envelopeDescribesTheDelivery() throws InterruptedException {
        Subscription subscription = connection.newSubscriber().subscribe(topic, GROUP);
        Instant before = Instant.now().minusSeconds(1);
        connection.newPublisher().publish(topic, Message.of(bytes("order")).withKey("customer-7"));

        Message received = subscription.receive(WAIT);

        Envelope envelope = received.envelope();
        assertThat(envelope.brokerId()).isEqualTo("amqp");
        assertThat(envelope.topic()).isEqualTo(topic);
        assertThat(envelope.key()).isEqualTo("customer-7");
        assertThat(received.key()).isEqualTo("customer-7");
        assertThat(envelope.partition()).isEqualTo(Envelope.NONE);
        assertThat(envelope.sequence()).isPositive();
        assertThat(envelope.brokerTimestamp()).isBetween(before, Instant.now());
        assertThat(envelope.receivedAt()).isBetween(before, Instant.now());
        assertThat(envelope.redelivered()).isFalse();
        received.ack();
    }

    @Test
    void nackedMessageComesBackMarkedRedelivered() throws InterruptedException {
        Subscription subscription = connection.newSubscriber().subscribe(topic, GROUP);
        Message sent = Message.of(bytes("retry me"));
        connection.newPublisher().publish(topic, sent);

        subscription.receive(WAIT).nack();
        Message again = subscription.receive(WAIT);

        assertThat(again).isEqualTo(sent);
        assertThat(again.envelope().redelivered()).isTrue();
        again.ack();
    }

    @Test
    void closingASubscriptionGivesItsUnackedMessageToTheNextSubscriber() throws InterruptedException {
        Subscriber subscriber = connection.newSubscriber();
        Subscription first = subscriber.subscribe(topic, GROUP);
        Message sent = Message.of(bytes("unfinished"));
        connection.newPublisher().publish(topic, sent);
        Message unacked = first.receive(WAIT);

        first.close();
        Message again = subscriber.subscribe(topic, GROUP).receive(WAIT);

        assertThat(unacked.context().isDone()).isTrue();
        assertThat(again).isEqualTo(sent);
        assertThat(again.envelope().redelivered()).isTrue();
        again.ack();
    }

    @Test
    void metadataKeepItsOrderThroughTheBroker() throws InterruptedException {
        Metadata metadata = Metadata.of("zulu", "1", "alpha", "2", "mike", "3", "bravo", "", "yankee", "5");
        Subscription subscription = connection.newSubscriber().subscribe(topic, GROUP);
        connection.newPublisher().publish(topic, new Message(Message.newId(), metadata, bytes("ordered")));

        Message received = subscription.receive(WAIT);

        assertThat(received.metadata().asMap()).containsExactlyEntriesOf(metadata.asMap());
        received.ack();
    }

    @Test
    void correlationIdAlsoTravelsAsTheAmqpProperty() throws Exception {
        connection.newSubscriber().initialize(topic, GROUP);
        connection.newPublisher().publish(topic,
                new Message(Message.newId(), Metadata.of(Message.CORRELATION_ID, "flow-42"), bytes("linked")));

        try (Connection raw = rawConnection(); Channel channel = raw.createChannel()) {
            GetResponse response = channel.basicGet(queueOf(topic, GROUP), true);
            assertThat(response.getProps().getCorrelationId()).isEqualTo("flow-42");
        }
    }

    @Test
    void messageOfAnotherProducerIsReadWithItsPropertiesAsMetadata() throws Exception {
        Subscription subscription = connection.newSubscriber().subscribe(topic, GROUP);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("attempt", 3);
        headers.put("urgent", true);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(headers).correlationId("from-elsewhere").build();

        try (Connection raw = rawConnection(); Channel channel = raw.createChannel()) {
            channel.basicPublish(topic, "", properties, bytes("foreign"));
        }
        Message received = subscription.receive(WAIT);

        assertThat(received.id()).isNotBlank();
        assertThat(received.metadata().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "attempt", "3", "urgent", "true", Message.CORRELATION_ID, "from-elsewhere"));
        received.ack();
    }

    @Test
    void messageOfWatermillKeepsItsId() throws Exception {
        Subscription subscription = connection.newSubscriber().subscribe(topic, GROUP);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(Map.of(MessageCodec.WATERMILL_ID_HEADER, "watermill-uuid-1", "origin", "go")).build();

        try (Connection raw = rawConnection(); Channel channel = raw.createChannel()) {
            channel.basicPublish(topic, "", properties, bytes("from go"));
        }
        Message received = subscription.receive(WAIT);

        assertThat(received.id()).isEqualTo("watermill-uuid-1");
        assertThat(received.metadata().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of("origin", "go"));
        received.ack();
    }

    @Test
    void subscriptionsWithoutAGroupEachGetEveryMessage() throws InterruptedException {
        Subscription first = connection.newSubscriber().subscribe(topic);
        Subscription second = connection.newSubscriber().subscribe(topic);
        Message sent = Message.of(bytes("to all"));

        connection.newPublisher().publish(topic, sent);

        for (Subscription subscription : List.of(first, second)) {
            Message received = subscription.receive(WAIT);
            assertThat(received).isEqualTo(sent);
            received.ack();
        }
    }

    @Test
    void queueOfASubscriptionWithoutAGroupEndsWithIt() throws Exception {
        AmqpSubscription subscription = (AmqpSubscription) connection.newSubscriber().subscribe(topic);
        String queue = subscription.queue();

        subscription.close();

        try (Connection raw = rawConnection()) {
            Channel channel = raw.createChannel();
            IOException failure = catchThrowableOfType(IOException.class, () -> channel.queueDeclarePassive(queue));
            assertThat(failure).as("looking up the private queue after its subscription ended")
                    .hasStackTraceContaining("NOT_FOUND");
        }
    }

    @Test
    void startingAtASequenceIsRefusedBecauseQueuesHaveNoIndex() {
        MessagingException failure = catchThrowableOfType(MessagingException.class, () -> connection.newSubscriber()
                .subscribe(topic, GROUP.startingAt(new StartPosition.AtSequence(5))));

        assertThat(failure.getMessage()).contains("read from their head");
    }

    @Test
    void exchangeOfAnotherTypeFailsWithAHintAtTheOptions() throws Exception {
        try (Connection raw = rawConnection(); Channel channel = raw.createChannel()) {
            channel.exchangeDeclare(topic, "fanout", true);
        }

        MessagingException failure = catchThrowableOfType(MessagingException.class,
                () -> connection.newSubscriber().subscribe(topic, GROUP));

        assertThat(failure.getMessage()).contains("inequivalent", "exchange-type");
    }

    @Test
    void oneSharedExchangeLetsATopicPatternSubscribeToSeveralTopics() throws InterruptedException {
        Map<String, String> options = new HashMap<>(server.options(virtualHost));
        options.put(AmqpSettings.EXCHANGE_NAME, "events-" + topic);
        options.put(AmqpSettings.ROUTING_KEY, "{topic}");
        options.put(AmqpSettings.BINDING_KEY, "{topic}");
        try (BrokerConnection shared = new AmqpBrokerAdapter().connect(options)) {
            Subscription orders = shared.newSubscriber().subscribe("orders.*", GROUP);
            Publisher publisher = shared.newPublisher();
            Message created = Message.of(bytes("created"));
            publisher.publish("payments.settled", Message.of(bytes("not for orders")));
            publisher.publish("orders.created", created);

            Message received = orders.receive(WAIT);

            assertThat(received).isEqualTo(created);
            assertThat(received.envelope().key()).isEqualTo("orders.created");
            received.ack();
            assertThat(orders.receive(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void consumerGroupsCanUseQuorumQueues() throws InterruptedException {
        Map<String, String> options = new HashMap<>(server.options(virtualHost));
        options.put(AmqpSettings.QUEUE_TYPE, "quorum");
        try (BrokerConnection quorum = new AmqpBrokerAdapter().connect(options)) {
            RoundTrip.assertMessageGoesThrough(quorum);
        }
    }

    @Test
    void publishingAfterCloseFails() {
        Publisher publisher = connection.newPublisher();
        publisher.close();

        MessagingException failure = catchThrowableOfType(MessagingException.class,
                () -> publisher.publish(topic, Message.of(bytes("late"))));

        assertThat(failure.getMessage()).contains("closed");
    }

    @Test
    void deletingTheQueueEndsItsSubscription() throws Exception {
        Subscription subscription = connection.newSubscriber().subscribe(topic, GROUP);

        try (Connection raw = rawConnection(); Channel channel = raw.createChannel()) {
            channel.queueDelete(queueOf(topic, GROUP));
        }

        await().atMost(WAIT).until(subscription::isClosed);
        assertThat(subscription.receive(Duration.ofSeconds(1))).isNull();
    }

    /**
     * The adapter's default limit is RabbitMQ's default max_message_size; told a larger one, it sends, and the
     * broker's refusal names the broker's own limit. The publisher goes on working.
     */
    @Test
    void brokerRefusingAnOversizeMessageNamesItsOwnLimit() throws InterruptedException {
        Map<String, String> options = new HashMap<>(server.options(virtualHost));
        options.put(AmqpSettings.MAX_MESSAGE_SIZE, "129MiB");
        try (BrokerConnection generous = new AmqpBrokerAdapter().connect(options)) {
            Subscription subscription = generous.newSubscriber().subscribe(topic, GROUP);
            Publisher publisher = generous.newPublisher();

            PayloadTooLargeException failure = catchThrowableOfType(PayloadTooLargeException.class,
                    () -> publisher.publish(topic, Message.of(new byte[(128 << 20) + 1])));
            Message small = Message.of(bytes("small"));
            publisher.publish(topic, small);

            assertThat(failure.limit()).isEqualTo(AmqpSettings.DEFAULTS.maxMessageSize());
            assertThat(subscription.receive(WAIT)).isEqualTo(small);
        }
    }

    private String queueOf(String topicName, SubscribeOptions options) {
        return AmqpSettings.DEFAULTS.topology().groupQueue(topicName, options.consumerGroup());
    }

    private static Connection rawConnection() throws Exception {
        return AmqpSettings.parse(server.options(virtualHost)).connectionFactory().newConnection();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
