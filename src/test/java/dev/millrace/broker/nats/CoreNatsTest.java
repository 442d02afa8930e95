package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.TopicDetails;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Publisher;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Core NATS behaviour beyond the shared contract: wildcards, local redelivery, the monitoring-based browse view. */
class CoreNatsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String prefix = "core-" + Message.newId().substring(0, 8);
    private final BrokerConnection connection = Brokers.require("nats").connect(Map.of(
            "servers", NatsServer.shared().url(), "monitoring-url", NatsServer.shared().monitoringUrl()));

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void aWildcardSubscriptionReceivesEveryMatchingSubject() throws InterruptedException {
        Subscription subscription = connection.newSubscriber().subscribe(prefix + ".*");

        connection.newPublisher().publish(prefix + ".created", message("a"));
        Message received = subscription.receive(WAIT);

        assertThat(received.envelope().topic()).as("the subject it was published on").isEqualTo(prefix + ".created");
        received.ack();
    }

    @Test
    void manyThreadsPublishingAtOnceShareFlushesAndKeepTheConnection() throws Exception {
        int threads = 8 * Flusher.MAX_IN_FLIGHT;
        int perThread = 200;
        Subscription subscription = connection.newSubscriber().subscribe(prefix);
        Publisher publisher = connection.newPublisher();

        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        publisher.publish(prefix, message(Integer.toString(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
        }
        Set<String> ids = new HashSet<>();
        Message received;
        while (ids.size() < threads * perThread && (received = subscription.receive(WAIT)) != null) {
            ids.add(received.id());
            received.ack();
        }

        assertThat(ids).as("every message, each publish having returned after its flush").hasSize(threads * perThread);
    }

    @Test
    void aNackedMessageIsHandedOutAgainBeforeNewerOnes() throws InterruptedException {
        Subscription subscription = connection.newSubscriber().subscribe(prefix);
        connection.newPublisher().publish(prefix, message("1"), message("2"));

        Message first = subscription.receive(WAIT);
        first.nack();
        Message again = subscription.receive(WAIT);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.envelope().redelivered()).isTrue();
        assertThat(first.envelope().redelivered()).isFalse();
        again.ack();
    }

    @Test
    void membersOfAQueueGroupShareTheMessages() throws InterruptedException {
        SubscribeOptions group = SubscribeOptions.group("workers");
        Subscription one = connection.newSubscriber().subscribe(prefix, group);
        Subscription two = connection.newSubscriber().subscribe(prefix, group);
        for (int i = 0; i < 20; i++) {
            connection.newPublisher().publish(prefix, message(String.valueOf(i)));
        }

        int received = drain(one) + drain(two);

        assertThat(received).isEqualTo(20);
    }

    @Test
    void aStartAtASequenceIsRefusedBecauseCoreNatsKeepsNoHistory() {
        Subscriber subscriber = connection.newSubscriber();

        assertThatThrownBy(() -> subscriber.subscribe(prefix,
                SubscribeOptions.DEFAULT.startingAt(new StartPosition.AtSequence(1))))
                .isInstanceOf(MessagingException.class).hasMessageContaining("jetstream");
    }

    @Test
    void theBrowseListShowsSubjectsThatHaveSubscribers() {
        connection.newSubscriber().subscribe(prefix + ".listed");

        assertThat(connection.admin().listTopics()).extracting(t -> t.name())
                .contains(prefix + ".listed")
                .noneMatch(name -> name.startsWith("_INBOX.") || name.startsWith("$"));
    }

    @Test
    void detailsCountTheSubscriptionsOfEachQueueGroup() {
        connection.newSubscriber().subscribe(prefix, SubscribeOptions.group("billing"));
        connection.newSubscriber().subscribe(prefix, SubscribeOptions.group("billing"));
        connection.newSubscriber().subscribe(prefix + ".*");

        TopicDetails details = connection.admin().describeTopic(prefix);

        assertThat(details.consumers()).extracting(TopicDetails.ConsumerInfo::name, TopicDetails.ConsumerInfo::members)
                .contains(tuple("billing", 2));
        assertThat(details.attributes()).containsEntry("subscriptions", "2");
    }

    @Test
    void withoutAMonitoringUrlTheBrowseListSaysWhichOptionToSet() {
        try (BrokerConnection plain = Brokers.require("nats").connect(Map.of("servers", NatsServer.shared().url()))) {
            BrokerAdmin admin = plain.admin();

            assertThatThrownBy(admin::listTopics).isInstanceOf(MessagingException.class)
                    .hasMessageContaining("monitoring-url");
        }
    }

    @Test
    void peekFindsNothingBecauseCoreNatsStoresNothing() {
        connection.newPublisher().publish(prefix, message("gone"));

        assertThat(connection.admin().peek(prefix, 10)).isEmpty();
    }

    private static int drain(Subscription subscription) throws InterruptedException {
        int count = 0;
        for (Message message = subscription.receive(Duration.ofMillis(500)); message != null;
                message = subscription.receive(Duration.ofMillis(500))) {
            message.ack();
            count++;
        }
        return count;
    }

    private static Message message(String payload) {
        return Message.of(payload.getBytes(StandardCharsets.UTF_8));
    }
}
