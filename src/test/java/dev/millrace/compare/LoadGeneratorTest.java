package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
    private static final String TOPIC = "load";
    private static final SubscribeOptions GROUP = SubscribeOptions.group("load-group");

    private BrokerConnection connection;
    private Subscriber subscriber;
    private Publisher publisher;
    /** How many messages each publish call carried, in the order the calls returned. */
    private final List<Integer> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() {
        connection = Brokers.find("memory").orElseThrow()
                .connect(Map.of("instance", "load-generator-test-" + Message.newId()));
        subscriber = connection.newSubscriber();
        subscriber.initialize(TOPIC, GROUP);
        Publisher broker = connection.newPublisher();
        publisher = new Publisher() {
            @Override
            public void publish(String topic, List<Message> messages) {
                broker.publish(topic, messages);
                calls.add(messages.size());
            }

            @Override
            public void close() {
                broker.close();
            }
        };
    }

    @AfterEach
    void close() {
        publisher.close();
        subscriber.close();
        connection.close();
    }

    private Measurements generate(Workload workload) {
        Measurements measurements = new Measurements();
        long start = System.nanoTime();
        LoadGenerator generator = new LoadGenerator(publisher, List.of(TOPIC), workload,
                new Schedule(workload, start), measurements, new LoadGenerator.MessageShape(new byte[16], 0, false));
        generator.start(start);
        assertThat(generator.awaitStopped(Duration.ofSeconds(30))).isTrue();
        return measurements;
    }

    @Test
    void eachPublishCallCarriesTheWorkloadsPublishBatchAndEveryMessageArrives() throws Exception {
        Workload batched = TestWorkloads.shortMaxThroughput().withWarmup(Warmup.NONE).withMessages(1_000)
                .withPublishBatch(50);

        Measurements measurements = generate(batched);

        assertThat(measurements.sent()).isEqualTo(1_000);
        assertThat(calls.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
        assertThat(calls).allSatisfy(size -> assertThat(size).isBetween(1, 50));
        // Only a producer's last call can be short, when the others took the last sequence numbers first.
        assertThat(calls.stream().filter(size -> size < 50)).hasSizeLessThanOrEqualTo(batched.producers());
        Set<Long> sequences = new HashSet<>();
        Set<Long> stamps = new HashSet<>();
        try (Subscription subscription = subscriber.subscribe(TOPIC, GROUP)) {
            for (int i = 0; i < 1_000; i++) {
                Message message = subscription.receive(Duration.ofSeconds(10));
                assertThat(message).as("message %d of 1000", i).isNotNull();
                sequences.add(Stamps.sequence(message));
                stamps.add(Stamps.sentNanos(message));
                message.ack();
            }
        }
        assertThat(sequences).hasSize(1_000).allSatisfy(sequence -> assertThat(sequence).isBetween(0L, 999L));
        // Each message is stamped as it is made, not once per call.
        assertThat(stamps.size()).isGreaterThan(calls.size());
    }

    @Test
    void aTargetRateCountsMessagesNotCalls() {
        Workload paced = TestWorkloads.shortFixedRate(400).withWarmup(Warmup.NONE).withPublishBatch(20);

        Measurements measurements = generate(paced);

        // One second at 400 msg/s in calls of 20: 20 calls, 400 messages, give or take the last call, which the
        // end of the second may cut short.
        assertThat(measurements.sent()).isBetween(340L, 440L);
        assertThat(calls.subList(0, calls.size() - 1)).allSatisfy(size -> assertThat(size).isEqualTo(20));
    }

    @Test
    void aFailedCallCountsAnErrorForEveryMessageItCarried() {
        Workload batched = TestWorkloads.shortMaxThroughput().withWarmup(Warmup.NONE).withMessages(30)
                .withPublishBatch(10);
        publisher.close();

        Measurements measurements = generate(batched);

        assertThat(measurements.sent()).isZero();
        assertThat(measurements.errors()).isEqualTo(30);
    }
}
