package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.Feature;
import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.PayloadTooLargeException;
import dev.millrace.message.Publisher;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JetStream behaviour beyond the shared contract: streams, start positions, envelopes, limits. */
class JetStreamAdapterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String prefix = "js-" + Message.newId().substring(0, 8);
    private final List<BrokerConnection> connections = new ArrayList<>();
    private Connection raw;
    private JetStreamManagement management;

    @BeforeEach
    void connectRawClient() throws Exception {
        raw = Nats.connect(NatsServer.shared().url());
        management = raw.jetStreamManagement();
    }

    @AfterEach
    void close() throws InterruptedException {
        connections.forEach(BrokerConnection::close);
        raw.close();
    }

    @Test
    void aTopicGetsAStreamOfItsOwnNamedAfterIt() throws Exception {
        String topic = prefix + ".orders";
        connect(Map.of()).newPublisher().publish(topic, message("1"));

        StreamConfiguration stream = management.getStreamInfo(Subjects.toName(topic)).getConfiguration();

        assertThat(stream.getSubjects()).containsExactly(topic);
    }

    @Test
    void anExistingStreamThatStoresTheSubjectIsUsedAsItIs() throws Exception {
        String stream = "EXISTING_" + prefix.replace('-', '_');
        management.addStream(StreamConfiguration.builder().name(stream).subjects(prefix + ".>").build());
        BrokerConnection connection = connect(Map.of("create-streams", "false"));

        connection.newPublisher().publish(prefix + ".orders.created", message("1"));

        assertThat(management.getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(management.getStreamNames(prefix + ".orders.created")).containsExactly(stream);
    }

    @Test
    void withoutStreamCreationATopicNoStreamStoresIsRefused() {
        BrokerConnection connection = connect(Map.of("create-streams", "false"));

        assertThatThrownBy(() -> connection.newPublisher().publish(prefix + ".nowhere", message("1")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("create-streams");
    }

    @Test
    void topicsWhoseStreamNamesWouldCollideGetStreamsOfTheirOwn() throws Exception {
        Publisher publisher = connect(Map.of()).newPublisher();

        publisher.publish(prefix + ".a", message("dot"));
        publisher.publish(prefix + "_a", message("underscore"));

        assertThat(management.getStreamNames(prefix + ".a")).hasSize(1);
        assertThat(management.getStreamNames(prefix + "_a")).hasSize(1)
                .doesNotContainAnyElementsOf(management.getStreamNames(prefix + ".a"));
    }

    @Test
    void aSubscriptionCanStartAtAStreamSequence() throws InterruptedException {
        String topic = prefix + ".seq";
        BrokerConnection connection = connect(Map.of());
        publishNumbered(connection, topic, 5);

        Subscription subscription = connection.newSubscriber()
                .subscribe(topic, SubscribeOptions.DEFAULT.startingAt(new StartPosition.AtSequence(4)));

        assertThat(payloads(subscription, 2)).containsExactly("4", "5");
    }

    @Test
    void aSubscriptionCanStartAtATime() throws InterruptedException {
        String topic = prefix + ".time";
        BrokerConnection connection = connect(Map.of());
        publishNumbered(connection, topic, 2);
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        connection.newPublisher().publish(topic, message("3"));

        Subscription subscription = connection.newSubscriber()
                .subscribe(topic, SubscribeOptions.DEFAULT.startingAt(new StartPosition.AtTime(between)));

        assertThat(payloads(subscription, 1)).containsExactly("3");
    }

    @Test
    void aSubscriptionAtLatestSkipsTheHistory() throws InterruptedException {
        String topic = prefix + ".latest";
        BrokerConnection connection = connect(Map.of());
        publishNumbered(connection, topic, 3);

        Subscription subscription = connection.newSubscriber()
                .subscribe(topic, SubscribeOptions.DEFAULT.startingAt(StartPosition.LATEST));
        connection.newPublisher().publish(topic, message("new"));

        assertThat(payloads(subscription, 1)).containsExactly("new");
    }

    @Test
    void anExistingGroupKeepsItsPositionWhateverTheStartPosition() throws InterruptedException {
        String topic = prefix + ".group";
        BrokerConnection connection = connect(Map.of());
        publishNumbered(connection, topic, 3);
        SubscribeOptions group = SubscribeOptions.group("readers");
        Subscriber first = connection.newSubscriber();
        assertThat(payloads(first.subscribe(topic, group), 2)).containsExactly("1", "2");
        first.close();

        Subscription again = connection.newSubscriber().subscribe(topic, group.startingAt(StartPosition.EARLIEST));

        assertThat(payloads(again, 1)).containsExactly("3");
    }

    @Test
    void theEnvelopeCarriesStreamSequenceTimestampAndRedelivery() throws InterruptedException {
        String topic = prefix + ".envelope";
        BrokerConnection connection = connect(Map.of());
        Instant before = Instant.now().minusSeconds(1);
        connection.newPublisher().publish(topic, message("1").withKey("k-1"));
        Subscription subscription = connection.newSubscriber().subscribe(topic);

        Message first = subscription.receive(WAIT);
        first.nack();
        Message again = subscription.receive(WAIT);
        again.ack();

        Envelope envelope = again.envelope();
        assertThat(envelope.brokerId()).isEqualTo("jetstream");
        assertThat(envelope.topic()).isEqualTo(topic);
        assertThat(envelope.key()).isEqualTo("k-1");
        assertThat(envelope.sequence()).isEqualTo(1);
        assertThat(envelope.brokerTimestamp()).isAfter(before);
        assertThat(envelope.redelivered()).isTrue();
        assertThat(first.envelope().redelivered()).isFalse();
    }

    @Test
    void aMessageResentWithTheSameIdIsStoredOnce() throws Exception {
        String topic = prefix + ".dedup";
        Publisher publisher = connect(Map.of()).newPublisher();
        Message message = message("once");

        publisher.publish(topic, message);
        publisher.publish(topic, message.copy());

        assertThat(management.getStreamInfo(Subjects.toName(topic)).getStreamState().getMsgCount()).isEqualTo(1);
    }

    @Test
    void aWildcardSubscriptionReadsEverySubjectOfItsStream() throws Exception {
        String stream = "WILD_" + prefix.replace('-', '_');
        management.addStream(StreamConfiguration.builder().name(stream).subjects(prefix + ".wild.>").build());
        BrokerConnection connection = connect(Map.of());
        connection.newPublisher().publish(prefix + ".wild.a", message("a"));
        connection.newPublisher().publish(prefix + ".wild.b.c", message("b"));

        Subscription subscription = connection.newSubscriber().subscribe(prefix + ".wild.*");

        assertThat(payloads(subscription, 1)).containsExactly("a");
        assertThat(subscription.receive(Duration.ofMillis(300))).isNull();
    }

    @Test
    void aMessageOverTheStreamsOwnLimitFailsNamingThatLimit() throws Exception {
        String stream = "SMALL_" + prefix.replace('-', '_');
        management.addStream(StreamConfiguration.builder().name(stream).subjects(prefix + ".small")
                .maximumMessageSize(1000).build());
        Publisher publisher = connect(Map.of()).newPublisher();

        assertThatThrownBy(() -> publisher.publish(prefix + ".small", new Message(Message.newId(), new byte[1000])))
                .isInstanceOfSatisfying(PayloadTooLargeException.class,
                        e -> assertThat(e.limit()).isEqualTo(1000));
    }

    @Test
    void closingTheConnectionHandsUnackedMessagesToTheGroupAtOnce() throws InterruptedException {
        String topic = prefix + ".handover";
        SubscribeOptions group = SubscribeOptions.group("workers");
        BrokerConnection first = connect(Map.of());
        publishNumbered(first, topic, 3);
        Subscription reading = first.newSubscriber().subscribe(topic, group);
        assertThat(reading.receive(WAIT)).isNotNull();
        first.close();
        Subscription next = connect(Map.of()).newSubscriber().subscribe(topic, group);

        long start = System.nanoTime();
        List<String> received = payloads(next, 3);

        assertThat(received).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aSubscriptionWhoseConsumerWasDeletedEnds() throws Exception {
        String topic = prefix + ".deleted";
        Subscription subscription = connect(Map.of()).newSubscriber().subscribe(topic, SubscribeOptions.group("gone"));
        management.deleteConsumer(Subjects.toName(topic), "gone");

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!subscription.isClosed() && System.nanoTime() < deadline) {
            assertThat(subscription.receive(Duration.ofMillis(200))).isNull();
        }

        assertThat(subscription.isClosed()).isTrue();
    }

    @Test
    void workQueueRetentionDeclaresNoConsumerGroupsAndNoReplay() {
        BrokerConnection connection = connect(Map.of("retention", "workqueue"));

        assertThat(connection.capabilities().features())
                .doesNotContain(Feature.CONSUMER_GROUPS, Feature.NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES)
                .contains(Feature.PERSISTENT);
    }

    @Test
    void thePayloadLimitIsTheServersMaxPayload() {
        assertThat(connect(Map.of()).capabilities().maxPayloadBytes()).isEqualTo(NatsServer.MAX_PAYLOAD);
    }

    private BrokerConnection connect(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put("servers", NatsServer.shared().url());
        BrokerConnection connection = Brokers.require("jetstream").connect(all);
        connections.add(connection);
        return connection;
    }

    private static void publishNumbered(BrokerConnection connection, String topic, int count) {
        Publisher publisher = connection.newPublisher();
        for (int i = 1; i <= count; i++) {
            publisher.publish(topic, message(String.valueOf(i)));
        }
    }

    private static List<String> payloads(Subscription subscription, int count) throws InterruptedException {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = subscription.receive(WAIT);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            payloads.add(new String(message.payload(), StandardCharsets.UTF_8));
            message.ack();
        }
        return payloads;
    }

    private static Message message(String payload) {
        return Message.of(payload.getBytes(StandardCharsets.UTF_8));
    }
}
