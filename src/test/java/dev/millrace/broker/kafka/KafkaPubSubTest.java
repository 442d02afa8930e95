package dev.millrace.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import dev.millrace.message.PayloadTooLargeException;
import dev.millrace.message.Publisher;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the Kafka adapter adds to the shared contract: records, keys, envelopes, start positions, limits. */
class KafkaPubSubTest {
    private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final String topic = "pubsub-" + UUID.randomUUID();
    private BrokerConnection connection;

    @BeforeEach
    void connect() {
        connection = connect(Map.of());
    }

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void metadataTravelsAsUtf8HeadersWithTheIdInWatermillsHeader() {
        Message sent = new Message(Message.newId(), Metadata.of("greeting", "grüß dich"), bytes("payload"));
        publish(sent);

        ConsumerRecord<byte[], byte[]> record = readRawRecords(1).getFirst();

        assertThat(header(record, "_watermill_message_uuid")).isEqualTo(sent.id());
        assertThat(header(record, "greeting")).isEqualTo("grüß dich");
        assertThat(record.value()).isEqualTo(sent.payload());
    }

    @Test
    void theMessageKeyBecomesTheRecordKey() throws InterruptedException {
        publish(Message.of(bytes("keyed")).withKey("customer-42"));

        assertThat(new String(readRawRecords(1).getFirst().key(), StandardCharsets.UTF_8)).isEqualTo("customer-42");
        assertThat(receiveOne(SubscribeOptions.DEFAULT).key()).isEqualTo("customer-42");
    }

    @Test
    void theEnvelopeSaysWhereAndWhenTheMessageWasStored() throws InterruptedException {
        Instant before = Instant.now().minusSeconds(1);
        publish(Message.of(bytes("first")).withKey("k"), Message.of(bytes("second")).withKey("k"));

        Subscription subscription = connection.newSubscriber().subscribe(topic);
        receiveAndAck(subscription);
        Envelope envelope = receiveAndAck(subscription).envelope();

        assertThat(envelope.brokerId()).isEqualTo("kafka");
        assertThat(envelope.topic()).isEqualTo(topic);
        assertThat(envelope.key()).isEqualTo("k");
        assertThat(envelope.partition()).isZero();
        assertThat(envelope.sequence()).isEqualTo(1);
        assertThat(envelope.brokerTimestamp()).isAfter(before);
        assertThat(envelope.receivedAt()).isAfterOrEqualTo(envelope.brokerTimestamp());
        assertThat(envelope.redelivered()).isFalse();
    }

    @Test
    void aNackedMessageComesBackFirstMarkedAsRedelivered() throws InterruptedException {
        Message first = Message.of(bytes("1"));
        publish(first, Message.of(bytes("2")));
        Subscription subscription = connection.newSubscriber().subscribe(topic);

        subscription.receive(WAIT).nack();
        Message again = subscription.receive(WAIT);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.envelope().redelivered()).isTrue();
    }

    @Test
    void recordsFromOtherClientsGetAStableIdFromTheirPosition() throws Exception {
        connection.newSubscriber().initialize(topic, SubscribeOptions.DEFAULT);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", BROKER.bootstrapServers(),
                "key.serializer", ByteArraySerializer.class, "value.serializer", ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topic, bytes("foreign"))).get();
        }

        String firstId = receiveOne(SubscribeOptions.DEFAULT).id();
        String secondId = receiveOne(SubscribeOptions.DEFAULT).id();

        assertThat(firstId).isEqualTo(secondId);
        assertThat(UUID.fromString(firstId)).isNotNull();
    }

    @Test
    void eachPartitionIsAStreamWithItsOwnUnsettledMessage() throws InterruptedException {
        BrokerConnection partitioned = connect(Map.of("topic.partitions", "8"));
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sent.add(Message.of(bytes("m" + i)).withKey("key-" + i));
        }
        partitioned.newPublisher().publish(topic, sent);
        Subscription subscription = partitioned.newSubscriber().subscribe(topic);

        Message first = subscription.receive(WAIT);
        Message second = subscription.receive(WAIT);

        assertThat(second).as("a second message while the first is unsettled").isNotNull();
        assertThat(second.envelope().partition()).isNotEqualTo(first.envelope().partition());
        partitioned.close();
    }

    @Test
    void offsetsAreCommittedOnlyForAckedMessages() throws Exception {
        publish(Message.of(bytes("1")), Message.of(bytes("2")), Message.of(bytes("3")));
        String group = "commit-" + UUID.randomUUID();
        Subscriber subscriber = connection.newSubscriber();
        Subscription subscription = subscriber.subscribe(topic, SubscribeOptions.group(group));

        receiveAndAck(subscription);
        receiveAndAck(subscription);
        assertThat(subscription.receive(WAIT)).as("third message, left unacked").isNotNull();
        subscriber.close();

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            assertThat(committed.get(new TopicPartition(topic, 0)).offset()).isEqualTo(2);
        }
    }

    @Test
    void aGroupContinuesAfterItsLastAckedMessage() throws InterruptedException {
        Message first = Message.of(bytes("1"));
        Message second = Message.of(bytes("2"));
        publish(first, second);
        SubscribeOptions group = SubscribeOptions.group("continue-" + UUID.randomUUID());

        assertThat(receiveOne(group).id()).isEqualTo(first.id());
        assertThat(receiveOne(group).id()).isEqualTo(second.id());
    }

    @Test
    void startingAtTheEarliestReadsTheGroupsHistoryAgain() throws InterruptedException {
        Message first = Message.of(bytes("1"));
        publish(first);
        SubscribeOptions group = SubscribeOptions.group("rewind-" + UUID.randomUUID());
        receiveOne(group);

        assertThat(receiveOne(group.startingAt(StartPosition.EARLIEST)).id()).isEqualTo(first.id());
    }

    @Test
    void startingAtTheLatestSkipsWhatWasPublishedBeforeSubscribing() throws InterruptedException {
        publish(Message.of(bytes("old")));
        Subscription subscription = connection.newSubscriber()
                .subscribe(topic, SubscribeOptions.DEFAULT.startingAt(StartPosition.LATEST));
        Message fresh = Message.of(bytes("new"));
        publish(fresh);

        assertThat(receiveAndAck(subscription).id()).isEqualTo(fresh.id());
    }

    @Test
    void startingAtASequenceBeginsAtThatOffset() throws InterruptedException {
        Message third = Message.of(bytes("3"));
        publish(Message.of(bytes("1")), Message.of(bytes("2")), third);

        Message received = receiveOne(SubscribeOptions.DEFAULT.startingAt(new StartPosition.AtSequence(2)));

        assertThat(received.id()).isEqualTo(third.id());
    }

    @Test
    void startingAtATimeBeginsWithTheFirstMessageStoredThen() throws InterruptedException {
        publish(Message.of(bytes("before")));
        // Broker timestamps have millisecond resolution: keep both messages clear of the chosen instant.
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        Message after = Message.of(bytes("after"));
        publish(after);

        Message received = receiveOne(SubscribeOptions.DEFAULT.startingAt(new StartPosition.AtTime(between)));

        assertThat(received.id()).isEqualTo(after.id());
    }

    @Test
    void aPayloadOverTheDefaultLimitOfOneMebibyteIsRefusedNamingTheLimit() {
        PayloadTooLargeException failure = catchThrowableOfType(PayloadTooLargeException.class,
                () -> publish(Message.of(new byte[(1 << 20) + 1])));

        assertThat(connection.capabilities().maxPayloadBytes()).isEqualTo(1 << 20);
        assertThat(failure.limit()).isEqualTo(1 << 20);
        assertThat(failure).hasMessageContaining("1048576");
    }

    @Test
    void aTopicCreatedElsewhereWithASmallerLimitRefusesLargerMessagesNamingItsLimit() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "10000")))).all().get();
        }

        PayloadTooLargeException failure = catchThrowableOfType(PayloadTooLargeException.class,
                () -> publish(Message.of(new byte[20_000])));

        assertThat(failure.limit()).isEqualTo(10_000);
    }

    @Test
    void connectingChoosesTheNewConsumerGroupProtocolWhereTheClusterOffersIt() {
        KafkaOptions settled = ((KafkaConnection) connection).options();

        assertThat(settled.consumer().groupProtocol()).isEqualTo("consumer");
    }

    @Test
    void topicsAreCreatedWithTheConfiguredPartitions() {
        BrokerConnection partitioned = connect(Map.of("topic.partitions", "3"));
        partitioned.newSubscriber().initialize(topic, SubscribeOptions.DEFAULT);

        assertThat(partitioned.admin().describeTopic(topic).partitions()).hasSize(3);
        partitioned.close();
    }

    @Test
    void aSubscriptionWithoutAGroupRemovesItsOwnGroupWhenClosed() throws Exception {
        publish(Message.of(bytes("1")));
        Subscription subscription = connection.newSubscriber().subscribe(topic);
        receiveAndAck(subscription);
        await().atMost(WAIT).until(() -> !connection.admin().describeTopic(topic).consumers().isEmpty());

        subscription.close();

        await().atMost(WAIT).until(() -> connection.admin().describeTopic(topic).consumers().isEmpty());
    }

    private BrokerConnection connect(Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(BROKER.options());
        options.putAll(extra);
        return Brokers.require("kafka").connect(options);
    }

    private void publish(Message... messages) {
        try (Publisher publisher = connection.newPublisher()) {
            publisher.publish(topic, messages);
        }
    }

    /** The next message of a new subscription with {@code options}, acked, with the subscription closed. */
    private Message receiveOne(SubscribeOptions options) throws InterruptedException {
        Subscriber subscriber = connection.newSubscriber();
        try {
            return receiveAndAck(subscriber.subscribe(topic, options));
        } finally {
            subscriber.close();
        }
    }

    private static Message receiveAndAck(Subscription subscription) throws InterruptedException {
        Message message = subscription.receive(WAIT);
        assertThat(message).as("message on %s", subscription.topic()).isNotNull();
        message.ack();
        return message;
    }

    private List<ConsumerRecord<byte[], byte[]>> readRawRecords(int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", BROKER.bootstrapServers(), "auto.offset.reset", "earliest",
                "key.deserializer", ByteArrayDeserializer.class, "value.deserializer", ByteArrayDeserializer.class))) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
