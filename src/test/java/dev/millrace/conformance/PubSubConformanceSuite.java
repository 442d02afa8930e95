package dev.millrace.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.Feature;
import dev.millrace.message.ConnectionException;
import dev.millrace.message.Context;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Metadata;
import dev.millrace.message.Outcome;
import dev.millrace.message.PayloadTooLargeException;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pub/sub contract every broker adapter must pass (see {@code CONFORMANCE.md}): the sixteen cases of Watermill's
 * universal suite and Millrace's own binary-fidelity, limit and connection-failure cases.
 *
 * <p>A subclass only says how to reach its broker: {@link #connect()} and, for the features that need them,
 * {@link #restartBroker()} and the bad-connection option maps. What the suite may rely on comes from the connection's
 * declared {@link Capabilities}; a case the features exclude is skipped with the reason "adapter does not declare X".
 *
 * <p>How the cases use the features, so that one suite fits every broker:
 * <ul>
 *   <li>Every case calls {@link Subscriber#initialize} first. Where the adapter declares {@code PERSISTENT},
 *       messages are published before the reader subscribes, as in Watermill; otherwise the reader subscribes
 *       first, because such a broker keeps nothing for readers that do not exist yet. {@code subscribe} must
 *       return only once the broker will deliver to the subscription.</li>
 *   <li>Readers that should share one stream (Watermill's pub/sub constructor with a fixed consumer group) use a
 *       per-test consumer group when the adapter declares {@code CONSUMER_GROUPS}, otherwise default options.</li>
 *   <li>Without {@code EXACTLY_ONCE}, reads are de-duplicated by message id.</li>
 *   <li>Timeouts are idle timeouts between messages ({@link #idleTimeout()}, {@link #bulkIdleTimeout()}).</li>
 * </ul>
 *
 * <p>Counts are the full sizes of the contract; {@code -Dmillrace.conformance.short=true} divides the large ones by
 * ten for quick local runs.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class PubSubConformanceSuite {
    private static final boolean SHORT = Boolean.getBoolean("millrace.conformance.short");
    private static final int MIB = 1 << 20;

    private final String testId = UUID.randomUUID().toString();
    private final Queue<BrokerConnection> connections = new ConcurrentLinkedDeque<>();
    private BrokerConnection connection;
    private Capabilities capabilities;

    /** A new connection to the broker under test; connections of one test must reach the same broker instance. */
    protected abstract BrokerConnection connect();

    /** Stops and starts the broker process; called on a separate thread, only if the adapter is RESTARTABLE. */
    protected void restartBroker() {
        throw new AssertionError(getClass().getSimpleName() + " declares RESTARTABLE but does not override "
                + "restartBroker()");
    }

    /** Options naming an address nothing answers at (NETWORK adapters). */
    protected Map<String, String> unreachableAddressOptions() {
        throw new AssertionError(getClass().getSimpleName() + " declares NETWORK but does not override "
                + "unreachableAddressOptions()");
    }

    /** Options naming the broker's host with a port nothing listens on (NETWORK adapters). */
    protected Map<String, String> wrongPortOptions() {
        throw new AssertionError(getClass().getSimpleName() + " declares NETWORK but does not override "
                + "wrongPortOptions()");
    }

    /** Options reaching the broker with credentials it rejects (AUTHENTICATION adapters). */
    protected Map<String, String> wrongCredentialsOptions() {
        throw new AssertionError(getClass().getSimpleName() + " declares AUTHENTICATION but does not override "
                + "wrongCredentialsOptions()");
    }

    /** The longest gap between two messages before a read gives up. */
    protected Duration idleTimeout() {
        return Duration.ofSeconds(15);
    }

    /** The same for the bulk cases, whose first message may take a while (rebalances, large backlogs). */
    protected Duration bulkIdleTimeout() {
        return idleTimeout().multipliedBy(3);
    }

    @BeforeEach
    final void openConnection() {
        connection = newConnection();
        capabilities = connection.capabilities();
    }

    @AfterEach
    final void closeConnections() {
        RuntimeException failure = null;
        for (BrokerConnection open : connections) {
            try {
                open.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---- the cases of the reference suite ----

    @Test
    @DisplayName("1 publish/subscribe: messages arrive with identical id, payload and metadata; close ends the stream")
    void publishedMessagesArriveIntactAndCloseEndsTheStream() throws InterruptedException {
        String topic = topic("");
        Publisher publisher = connection.newPublisher();
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(topic, shared());
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(new Message(Message.newId(), Metadata.of("test", UUID.randomUUID().toString()), bytes(i)));
        }

        Subscription subscription = subscribeAroundPublishing(
                () -> subscriber.subscribe(topic, shared()), () -> publisher.publish(topic, sent));
        Received received = read(subscription, sent.size(), bulkIdleTimeout());

        assertThat(received.messages()).containsExactlyInAnyOrderElementsOf(sent);
        publisher.close();
        subscriber.close();
        assertStreamEnded(subscription);
    }

    @Test
    @DisplayName("2 concurrent subscribe: 5,000 messages from 50 publishing threads, read by 50 subscribers")
    void concurrentPublishersAndSubscribersDeliverEveryMessage() throws Exception {
        String topic = topic("");
        int subscribers = scaled(50);
        connection.newSubscriber().initialize(topic, shared());
        List<Message> sent = simpleMessages(scaled(5000));
        Publisher publisher = connection.newPublisher();

        List<Subscription> subscriptions = subscribeAroundPublishing(() -> {
            List<Subscription> opened = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                opened.add(connection.newSubscriber().subscribe(topic, shared()));
            }
            return opened;
        }, () -> publishConcurrently(publisher, topic, sent, subscribers));
        Received received = read(subscriptions, sent.size(), bulkIdleTimeout());

        assertSameIds(received, sent);
    }

    @Test
    @DisplayName("3 many topics: 20 topics x 100 messages with the same ids; each topic receives its full set")
    void everyTopicReceivesItsFullSetWhenTopicsShareMessageIds() throws InterruptedException {
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < scaled(20); i++) {
            topics.add(topic("-" + i));
        }
        List<Message> sent = simpleMessages(100);
        Publisher publisher = connection.newPublisher();
        Subscriber subscriber = connection.newSubscriber();
        topics.forEach(topic -> subscriber.initialize(topic, shared()));

        List<Subscription> subscriptions = subscribeAroundPublishing(
                () -> topics.stream().map(topic -> subscriber.subscribe(topic, shared())).toList(),
                () -> topics.forEach(topic -> publisher.publish(topic, copies(sent))));

        for (Subscription subscription : subscriptions) {
            assertSameIds(read(subscription, sent.size(), bulkIdleTimeout()), sent);
        }
    }

    @Test
    @DisplayName("4 redelivery on nack: the first 2 received are nacked; all 100 still arrive")
    void nackedMessagesAreDeliveredAgain() throws InterruptedException {
        String topic = topic("");
        Publisher publisher = connection.newPublisher();
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(topic, shared());
        List<Message> sent = simpleMessages(100);

        Subscription subscription = subscribeAroundPublishing(
                () -> subscriber.subscribe(topic, shared()), () -> publisher.publish(topic, sent));
        for (int i = 0; i < 2; i++) {
            Message message = subscription.receive(idleTimeout());
            assertThat(message).as("message %d to nack", i + 1).isNotNull();
            message.nack();
        }

        assertSameIds(read(subscription, sent.size(), idleTimeout()), sent);
    }

    @Test
    @DisplayName("5 no ack, no next: while message 1 is unacked, message 2 does not arrive")
    void nextMessageWaitsUntilTheCurrentOneIsAcked() throws InterruptedException {
        assumeOrdered();
        String topic = topic("");
        Publisher publisher = connection.newPublisher();
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(topic, shared());
        // One key puts both on one stream of adapters with parallel streams (partitions).
        List<Message> sent = List.of(Message.of(bytes(1)).withKey("no-ack"), Message.of(bytes(2)).withKey("no-ack"));

        Subscription subscription = subscribeAroundPublishing(() -> subscriber.subscribe(topic, shared()), () -> {
            publisher.publish(topic, sent.get(0));
            publisher.publish(topic, sent.get(1));
        });
        Message first = subscription.receive(idleTimeout());
        assertThat(first).as("first message").isNotNull();

        assertThat(subscription.receive(Duration.ofMillis(100))).as("a message while the first is unacked").isNull();
        first.ack();
        Message second = subscription.receive(Duration.ofSeconds(5));
        assertThat(second).as("second message after the ack").isNotNull();
        assertThat(second.id()).isEqualTo(sent.get(1).id());
        second.ack();
        if (has(Feature.EXACTLY_ONCE)) {
            assertThat(subscription.receive(Duration.ofMillis(50))).as("a message after both were acked").isNull();
        }
    }

    @Test
    @DisplayName("6 continue after subscriber close: 5,000 messages read in parts by subscribers that close; none lost")
    void noMessageIsLostWhenSubscribersCloseMidStream() throws InterruptedException {
        assumeFeature(Feature.PERSISTENT);
        assumeTrue(!has(Feature.EXACTLY_ONCE), "adapter declares EXACTLY_ONCE");
        String topic = topic("");
        int total = scaled(5000);
        int batches = SHORT ? 2 : 5;
        int batchSize = total / batches;
        connection.newSubscriber().initialize(topic, shared());
        List<Message> sent = simpleMessages(total);
        connection.newPublisher().publish(topic, sent);

        Set<String> receivedIds = new LinkedHashSet<>();
        for (int attempt = 0; attempt < batches * 4 && receivedIds.size() < total; attempt++) {
            Subscriber subscriber = newConnection().newSubscriber();
            Subscription subscription = subscriber.subscribe(topic, shared());
            receivedIds.addAll(read(subscription, batchSize, idleTimeout()).ids());
            subscriber.close();
            subscriber.close();
        }

        assertThat(receivedIds).containsExactlyInAnyOrderElementsOf(ids(sent));
    }

    @Test
    @DisplayName("7 concurrent close: 10 threads subscribe and close at once; then 50 messages reach a new subscriber")
    void topicStaysUsableAfterConcurrentSubscribeAndClose() throws Exception {
        String topic = topic("");
        connection.newSubscriber().initialize(topic, shared());
        int threads = 10;
        CyclicBarrier allSubscribed = new CyclicBarrier(threads);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> closers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                closers.add(executor.submit(() -> {
                    Subscriber subscriber = newConnection().newSubscriber();
                    subscriber.subscribe(topic, shared());
                    allSubscribed.await(idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    subscriber.close();
                    return null;
                }));
            }
            for (Future<?> closer : closers) {
                closer.get(idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        List<Message> sent = simpleMessages(50);
        Publisher publisher = newConnection().newPublisher();
        Subscriber subscriber = newConnection().newSubscriber();

        Subscription subscription = subscribeAroundPublishing(
                () -> subscriber.subscribe(topic, shared()), () -> publisher.publish(topic, sent));

        assertSameIds(read(subscription, sent.size(), bulkIdleTimeout()), sent);
    }

    @Test
    @DisplayName("8 continue after errors: 3 subscribers each nack 100 deliveries; a final subscriber gets all 50")
    void messagesSurviveSubscribersThatOnlyNack() throws InterruptedException {
        String topic = topic("");
        int nackingSubscribers = SHORT ? 1 : 3;
        int nacksEach = scaled(100);
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(topic, shared());
        List<Message> sent = simpleMessages(50);
        Publisher publisher = connection.newPublisher();

        Subscription finalSubscription;
        if (has(Feature.PERSISTENT)) {
            publisher.publish(topic, sent);
            for (int i = 0; i < nackingSubscribers; i++) {
                Subscriber nacking = newConnection().newSubscriber();
                nackDeliveries(nacking.subscribe(topic, shared()), nacksEach);
                nacking.close();
            }
            finalSubscription = subscriber.subscribe(topic, shared());
        } else {
            // Nothing is kept for later subscribers: one subscription plays every part, as Watermill does.
            finalSubscription = subscriber.subscribe(topic, shared());
            publisher.publish(topic, sent);
            nackDeliveries(finalSubscription, nackingSubscribers * nacksEach);
        }

        assertSameIds(read(finalSubscription, sent.size(), bulkIdleTimeout()), sent);
    }

    @Test
    @DisplayName("9 order: 1,000 messages keyed by i mod 16; per key, ids arrive in publish order")
    void messagesOfOneKeyArriveInPublishOrder() throws InterruptedException {
        assumeOrdered();
        String topic = topic("");
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(topic, shared());
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < scaled(1000); i++) {
            String key = String.valueOf(i % 16);
            sent.add(new Message(Message.newId(), key.getBytes(StandardCharsets.UTF_8)).withKey(key));
        }
        // Adapters ordered only per key or partition may share the stream among several readers.
        int readers = has(Feature.GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER) || !has(Feature.CONSUMER_GROUPS) ? 1 : 10;
        Publisher publisher = connection.newPublisher();

        List<Subscription> subscriptions = subscribeAroundPublishing(() -> {
            List<Subscription> opened = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                opened.add(connection.newSubscriber().subscribe(topic, shared()));
            }
            return opened;
        }, () -> publisher.publish(topic, sent));
        Received received = read(subscriptions, sent.size(), bulkIdleTimeout());

        assertThat(received.size()).as("messages received").isEqualTo(sent.size());
        assertThat(idsByPayload(received.messages())).isEqualTo(idsByPayload(sent));
    }

    @Test
    @DisplayName("10 publisher close: 10,000 messages from 20 threads all arrive; closing the publisher flushes")
    void closingThePublisherFlushesEveryMessage() throws Exception {
        String topic = topic("");
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(topic, shared());
        List<Message> sent = simpleMessages(scaled(10_000));
        Publisher publisher = connection.newPublisher();

        Subscription subscription = subscribeAroundPublishing(() -> subscriber.subscribe(topic, shared()), () -> {
            publishConcurrently(publisher, topic, sent, 20);
            publisher.close();
        });

        assertSameIds(read(subscription, sent.size(), bulkIdleTimeout()), sent);
    }

    @Test
    @DisplayName("11 topic isolation: each subscription sees only the message of its own topic")
    void subscriptionSeesOnlyItsOwnTopic() throws InterruptedException {
        String first = topic("-1");
        String second = topic("-2");
        Publisher publisher = connection.newPublisher();
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(first, shared());
        subscriber.initialize(second, shared());
        Message toFirst = Message.of(bytes(1));
        Message toSecond = Message.of(bytes(2));

        List<Subscription> subscriptions = subscribeAroundPublishing(
                () -> List.of(subscriber.subscribe(first, shared()), subscriber.subscribe(second, shared())), () -> {
                    publisher.publish(first, toFirst);
                    publisher.publish(second, toSecond);
                });

        assertThat(read(subscriptions.get(0), 1, idleTimeout()).ids()).containsExactly(toFirst.id());
        assertThat(read(subscriptions.get(1), 1, idleTimeout()).ids()).containsExactly(toSecond.id());
    }

    @Test
    @DisplayName("12a message context: acking completes the message's future and context, which the broker did not carry over")
    void ackingCompletesTheMessageContext() throws InterruptedException {
        String topic = topic("");
        Publisher publisher = connection.newPublisher();
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(topic, shared());
        Message sent = Message.of(bytes(1));
        Context cancelled = Context.background().withCancel();
        cancelled.cancel("cancelled by the publisher");
        sent.setContext(cancelled);

        Subscription subscription = subscribeAroundPublishing(
                () -> subscriber.subscribe(topic, shared()), () -> publisher.publish(topic, sent));
        Message received = subscription.receive(idleTimeout());
        assertThat(received).as("message").isNotNull();
        assertThat(received.context().isDone()).as("context done before the ack").isFalse();

        assertThat(received.ack()).isTrue();
        assertThat(received.settled()).isCompletedWithValue(Outcome.ACKED);
        await().atMost(idleTimeout()).until(() -> received.context().isDone());
    }

    @Test
    @DisplayName("12b message context: closing the pub/sub while a message is unacked cancels its context")
    void closingWhileAMessageIsUnackedCancelsItsContext() throws InterruptedException {
        String topic = topic("");
        Publisher publisher = connection.newPublisher();
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(topic, shared());

        Subscription subscription = subscribeAroundPublishing(
                () -> subscriber.subscribe(topic, shared()), () -> publisher.publish(topic, Message.of(bytes(1))));
        Message received = subscription.receive(idleTimeout());
        assertThat(received).as("message").isNotNull();
        assertThat(received.context().isDone()).as("context done before the close").isFalse();
        Thread.ofVirtual().start(() -> {
            publisher.close();
            subscriber.close();
        });

        await().atMost(idleTimeout()).until(() -> received.context().isDone());
    }

    @Test
    @DisplayName("13 subscription cancel: cancelling ends the stream promptly while messages are nacked; nothing is lost")
    void cancellingASubscriptionEndsItPromptlyWhileMessagesAreNacked() throws Exception {
        String topic = topic("");
        Publisher publisher = connection.newPublisher();
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(topic, shared());
        List<Message> sent = simpleMessages(20);

        Subscription cancelled = subscribeAroundPublishing(
                () -> subscriber.subscribe(topic, shared()), () -> publisher.publish(topic, sent));
        AtomicInteger nacks = new AtomicInteger();
        Thread nacker = Thread.ofVirtual().start(() -> nackUntilClosed(cancelled, nacks));
        await().atMost(idleTimeout()).until(() -> nacks.get() > 0);
        cancelled.close();

        assertThat(nacker.join(idleTimeout())).as("stream ended within %s", idleTimeout()).isTrue();
        assertStreamEnded(cancelled);
        if (has(Feature.PERSISTENT)) {
            Subscription next = subscriber.subscribe(topic, shared());
            assertSameIds(read(next, sent.size(), idleTimeout()), sent);
        }
    }

    @Test
    @DisplayName("14 new subscriber receives old messages: each new subscriber replays the whole history")
    void eachNewSubscriberReplaysTheWholeHistory() throws InterruptedException {
        assumeFeature(Feature.NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES);
        String topic = topic("");
        Subscriber initializer = connection.newSubscriber();
        initializer.initialize(topic, SubscribeOptions.DEFAULT);
        initializer.close();
        Publisher publisher = connection.newPublisher();
        List<Message> sent = new ArrayList<>();
        List<Subscription> subscriptions = new ArrayList<>();
        List<Set<String>> receivedBy = new ArrayList<>();
        publishOne(publisher, topic, sent);

        for (int round = 0; round < 3; round++) {
            publishOne(publisher, topic, sent);
            subscriptions.add(newConnection().newSubscriber().subscribe(topic, SubscribeOptions.DEFAULT));
            receivedBy.add(new LinkedHashSet<>());
            for (int i = 0; i < subscriptions.size(); i++) {
                Set<String> received = receivedBy.get(i);
                received.addAll(read(subscriptions.get(i), sent.size() - received.size(), idleTimeout()).ids());
                assertThat(received).as("subscriber %d after round %d", i + 1, round + 1)
                        .containsExactlyInAnyOrderElementsOf(ids(sent));
            }
        }
    }

    @Test
    @DisplayName("15 reconnect: 10,000 messages from 100 retrying publishers survive two broker restarts")
    void messagesSurviveBrokerRestarts() throws Exception {
        assumeFeature(Feature.RESTARTABLE);
        String topic = topic("");
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(topic, shared());
        Subscription subscription = subscriber.subscribe(topic, shared());
        Publisher publisher = connection.newPublisher();
        int total = scaled(10_000);
        Set<Integer> restartAt = Set.of(total / 3, total / 2);
        AtomicInteger next = new AtomicInteger();
        Queue<Message> published = new ConcurrentLinkedQueue<>();
        List<Thread> restarts = Collections.synchronizedList(new ArrayList<>());

        try (ExecutorService publishers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < 100; p++) {
                running.add(publishers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        if (restartAt.contains(i)) {
                            restarts.add(Thread.ofPlatform().name("restart-broker").start(this::restartBroker));
                        }
                        Message message = Message.of(bytes(i));
                        publishRetrying(publisher, topic, message);
                        published.add(message);
                    }
                    return null;
                }));
            }
            Received received = read(subscription, total, max(Duration.ofSeconds(60), bulkIdleTimeout()));
            for (Future<?> publisherTask : running) {
                publisherTask.get();
            }
            for (Thread restart : List.copyOf(restarts)) {
                restart.join();
            }
            assertThat(received.ids()).containsExactlyInAnyOrderElementsOf(ids(List.copyOf(published)));
        }
    }

    @Test
    @DisplayName("16 consumer groups: two groups created first each receive all 50 messages")
    void everyConsumerGroupReceivesEveryMessage() throws InterruptedException {
        assumeFeature(Feature.CONSUMER_GROUPS);
        String topic = topic("");
        List<SubscribeOptions> groups = List.of(
                SubscribeOptions.group("group-1-" + testId), SubscribeOptions.group("group-2-" + testId));
        List<Message> sent = simpleMessages(50);
        if (has(Feature.PERSISTENT)) {
            for (SubscribeOptions group : groups) {
                Subscriber creator = connection.newSubscriber();
                creator.initialize(topic, group);
                creator.subscribe(topic, group);
                creator.close();
            }
            connection.newPublisher().publish(topic, sent);
            for (SubscribeOptions group : groups) {
                Subscription subscription = newConnection().newSubscriber().subscribe(topic, group);
                assertGroupReceivedAll(group, subscription, sent);
            }
            return;
        }
        // A broker that keeps nothing delivers only to groups with a member at publish time.
        List<Subscription> members = new ArrayList<>();
        for (SubscribeOptions group : groups) {
            members.add(newConnection().newSubscriber().subscribe(topic, group));
        }
        connection.newPublisher().publish(topic, sent);
        for (int i = 0; i < groups.size(); i++) {
            assertGroupReceivedAll(groups.get(i), members.get(i), sent);
        }
    }

    private void assertGroupReceivedAll(SubscribeOptions group, Subscription subscription, List<Message> sent)
            throws InterruptedException {
        assertThat(read(subscription, sent.size(), idleTimeout()).ids()).as("ids received by %s",
                group.consumerGroup()).containsExactlyInAnyOrderElementsOf(ids(sent));
    }


    // ---- beyond the reference suite: binary fidelity ----

    @Test
    @DisplayName("binary fidelity: an empty payload arrives empty")
    void emptyPayloadArrivesIntact() throws InterruptedException {
        assertArrivesIntact(new Message(Message.newId(), new byte[0]));
    }

    @Test
    @DisplayName("binary fidelity: a 1 MiB payload arrives byte for byte")
    void oneMebibytePayloadArrivesIntact() throws InterruptedException {
        assertArrivesIntact(new Message(Message.newId(), randomBytes(MIB)));
    }

    @Test
    @DisplayName("binary fidelity: a 16 MiB payload arrives byte for byte where the broker allows it")
    void sixteenMebibytePayloadArrivesIntact() throws InterruptedException {
        assumeTrue(capabilities.maxPayloadBytes() >= 16L * MIB,
                "adapter does not declare a payload limit of 16 MiB or more");
        assertArrivesIntact(new Message(Message.newId(), randomBytes(16 * MIB)));
    }

    @Test
    @DisplayName("binary fidelity: bytes that are not UTF-8 arrive unchanged")
    void nonUtf8PayloadArrivesIntact() throws InterruptedException {
        byte[] everyByteValue = new byte[512];
        for (int i = 0; i < everyByteValue.length; i++) {
            everyByteValue[i] = (byte) (255 - i % 256);
        }
        assertArrivesIntact(new Message(Message.newId(), everyByteValue));
    }

    @Test
    @DisplayName("binary fidelity: Unicode and empty metadata values arrive unchanged")
    void unicodeAndEmptyMetadataValuesArriveIntact() throws InterruptedException {
        Metadata metadata = Metadata.of(
                "unicode", "Grüße, 日本語, emoji \uD83D\uDE80, combining e\u0301",
                "empty", "",
                "spaces", "  leading and trailing  ");
        assertArrivesIntact(new Message(Message.newId(), metadata, bytes(1)));
    }

    // ---- beyond the reference suite: broker limits ----

    @Test
    @DisplayName("broker limits: a payload over the limit fails naming the limit; the next message goes through")
    void payloadOverTheLimitFailsNamingItAndTheStreamGoesOn() throws InterruptedException {
        long limit = capabilities.maxPayloadBytes();
        assumeTrue(limit < Integer.MAX_VALUE - 8, "adapter declares a payload limit larger than a Java array");
        String topic = topic("");
        Publisher publisher = connection.newPublisher();
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(topic, shared());
        Message before = Message.of(bytes(1));
        Message after = Message.of(bytes(2));
        Message tooLarge = Message.of(new byte[(int) limit + 1]);

        Subscription subscription = subscribeAroundPublishing(() -> subscriber.subscribe(topic, shared()), () -> {
            publisher.publish(topic, before);
            PayloadTooLargeException failure = catchThrowableOfType(PayloadTooLargeException.class,
                    () -> publisher.publish(topic, tooLarge));
            assertThat(failure).as("publishing %d bytes", limit + 1).isNotNull();
            assertThat(failure.limit()).isEqualTo(limit);
            assertThat(failure.getMessage()).contains(String.valueOf(limit));
            publisher.publish(topic, after);
        });

        assertThat(read(subscription, 2, idleTimeout()).ids()).containsExactlyInAnyOrder(before.id(), after.id());
    }

    // ---- beyond the reference suite: bad addresses and credentials ----

    @Test
    @DisplayName("bad address: connecting to an unreachable address fails within 10 s, saying so")
    void unreachableAddressFailsFastSayingSo() {
        assumeFeature(Feature.NETWORK);
        assertConnectFails(unreachableAddressOptions(), ConnectionException.Reason.UNREACHABLE);
    }

    @Test
    @DisplayName("bad address: connecting to a port nothing listens on fails within 10 s, saying so")
    void wrongPortFailsFastSayingSo() {
        assumeFeature(Feature.NETWORK);
        assertConnectFails(wrongPortOptions(), ConnectionException.Reason.REFUSED);
    }

    @Test
    @DisplayName("bad credentials: connecting with wrong credentials fails within 10 s, saying so")
    void wrongCredentialsFailFastSayingSo() {
        assumeFeature(Feature.AUTHENTICATION);
        assertConnectFails(wrongCredentialsOptions(), ConnectionException.Reason.AUTHENTICATION);
    }

    // ---- helpers ----

    /** A connection closed after the test. */
    private BrokerConnection newConnection() {
        BrokerConnection opened = connect();
        connections.add(opened);
        return opened;
    }

    private boolean has(Feature feature) {
        return capabilities.has(feature);
    }

    private void assumeFeature(Feature feature) {
        assumeTrue(has(feature), "adapter does not declare " + feature);
    }

    private void assumeOrdered() {
        assumeTrue(has(Feature.GUARANTEED_ORDER) || has(Feature.GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER),
                "adapter does not declare GUARANTEED_ORDER or GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER");
    }

    private String topic(String suffix) {
        return "conformance-" + testId + suffix;
    }

    /** Options for readers that share one stream: a per-test consumer group where the adapter has groups. */
    private SubscribeOptions shared() {
        return has(Feature.CONSUMER_GROUPS) ? SubscribeOptions.group("conformance-" + testId) : SubscribeOptions.DEFAULT;
    }

    /**
     * Publishes, then subscribes, where the adapter keeps messages for readers to come; otherwise subscribes first
     * so that the messages have somewhere to go.
     */
    private <T> T subscribeAroundPublishing(Supplier<T> subscribe, Runnable publish) {
        if (has(Feature.PERSISTENT)) {
            publish.run();
            return subscribe.get();
        }
        T subscribed = subscribe.get();
        publish.run();
        return subscribed;
    }

    private Received read(Subscription subscription, int expected, Duration idle) throws InterruptedException {
        return read(List.of(subscription), expected, idle);
    }

    private Received read(List<Subscription> subscriptions, int expected, Duration idle)
            throws InterruptedException {
        return MessageCollector.collect(subscriptions, expected, idle, !has(Feature.EXACTLY_ONCE));
    }

    private void assertSameIds(Received received, List<Message> sent) {
        assertThat(received.ids()).as("ids received (%d deliveries)", received.deliveries())
                .containsExactlyInAnyOrderElementsOf(ids(sent));
    }

    private void assertArrivesIntact(Message sent) throws InterruptedException {
        String topic = topic("");
        Publisher publisher = connection.newPublisher();
        Subscriber subscriber = connection.newSubscriber();
        subscriber.initialize(topic, shared());

        Subscription subscription = subscribeAroundPublishing(
                () -> subscriber.subscribe(topic, shared()), () -> publisher.publish(topic, sent));
        List<Message> received = read(subscription, 1, idleTimeout()).messages();

        assertThat(received).hasSize(1);
        assertThat(received.getFirst().payload()).as("payload").isEqualTo(sent.payload());
        assertThat(received.getFirst().metadata().asMap()).as("metadata")
                .containsExactlyEntriesOf(sent.metadata().asMap());
        assertThat(received.getFirst().id()).isEqualTo(sent.id());
    }

    private void assertStreamEnded(Subscription subscription) throws InterruptedException {
        assertThat(subscription.isClosed()).as("subscription closed").isTrue();
        long start = System.nanoTime();
        assertThat(subscription.receive(Duration.ofSeconds(5))).as("message after close").isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time receive took after close")
                .isLessThan(Duration.ofSeconds(1));
    }

    private void assertConnectFails(Map<String, String> options, ConnectionException.Reason expected) {
        ConnectionException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            BrokerConnection unexpected;
            try {
                unexpected = connection.adapter().connect(options);
            } catch (ConnectionException e) {
                return e;
            }
            unexpected.close();
            return fail("connecting with options %s succeeded", options.keySet());
        }, "connecting did not fail within 10 s");
        assertThat(failure.reason()).as("reason of: %s", failure.getMessage()).isEqualTo(expected);
    }

    private void nackDeliveries(Subscription subscription, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            Message message = subscription.receive(idleTimeout());
            assertThat(message).as("delivery %d of %d to nack: no message came back after a nack", i + 1, count)
                    .isNotNull();
            message.nack();
        }
    }

    private static void nackUntilClosed(Subscription subscription, AtomicInteger nacks) {
        try {
            while (true) {
                Message message = subscription.receive(Duration.ofMillis(100));
                if (message == null && subscription.isClosed()) {
                    return;
                }
                if (message != null) {
                    message.nack();
                    nacks.incrementAndGet();
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes {@code messages} one per call from {@code threads} threads at once. */
    private static void publishConcurrently(Publisher publisher, String topic, List<Message> messages, int threads) {
        Queue<Message> remaining = new ConcurrentLinkedQueue<>(messages);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> publishers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                publishers.add(executor.submit(() -> {
                    for (Message message = remaining.poll(); message != null; message = remaining.poll()) {
                        publisher.publish(topic, message);
                    }
                    return null;
                }));
            }
            for (Future<?> running : publishers) {
                running.get();
            }
        } catch (Exception e) {
            throw new AssertionError("concurrent publishing failed", e);
        }
    }

    /** Publishes until the broker accepts, as a publisher riding out a broker restart would. */
    private static void publishRetrying(Publisher publisher, String topic, Message message)
            throws InterruptedException {
        while (true) {
            try {
                publisher.publish(topic, message);
                return;
            } catch (MessagingException e) {
                Thread.sleep(500);
            }
        }
    }

    private static void publishOne(Publisher publisher, String topic, List<Message> sent) {
        Message message = Message.of(bytes(sent.size()));
        publisher.publish(topic, message);
        sent.add(message);
    }

    private static List<Message> simpleMessages(int count) {
        List<Message> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(Message.of(bytes(i)));
        }
        return messages;
    }

    private static List<Message> copies(List<Message> messages) {
        return messages.stream().map(Message::copy).toList();
    }

    private static List<String> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private static Map<String, List<String>> idsByPayload(List<Message> messages) {
        Map<String, List<String>> byPayload = new LinkedHashMap<>();
        for (Message message : messages) {
            byPayload.computeIfAbsent(new String(message.payload(), StandardCharsets.UTF_8), key -> new ArrayList<>())
                    .add(message.id());
        }
        return Map.copyOf(byPayload);
    }

    private static byte[] bytes(int number) {
        return String.valueOf(number).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static int scaled(int fullSize) {
        return SHORT ? Math.max(1, fullSize / 10) : fullSize;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
