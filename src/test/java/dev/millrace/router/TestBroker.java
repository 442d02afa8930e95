package dev.millrace.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A fresh in-memory broker instance per test, reached through the SPI like any other broker. */
final class TestBroker implements AutoCloseable {
    private final BrokerConnection connection;
    private final Publisher publisher;

    private TestBroker(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put("instance", "test-" + UUID.randomUUID());
        this.connection = Brokers.require("memory").connect(all);
        this.publisher = connection.newPublisher();
    }

    static TestBroker start() {
        return new TestBroker(Map.of());
    }

    /** Messages published while no one subscribes are dropped: shows whether a subscription existed. */
    static TestBroker startTransient() {
        return new TestBroker(Map.of("persistent", "false"));
    }

    Publisher newPublisher() {
        return connection.newPublisher();
    }

    Subscriber newSubscriber() {
        return connection.newSubscriber();
    }

    void publish(String topic, String... payloads) {
        List<Message> messages = new ArrayList<>();
        for (String payload : payloads) {
            messages.add(Message.of(payload.getBytes(StandardCharsets.UTF_8)));
        }
        publisher.publish(topic, messages);
    }

    /** Reads {@code count} messages of a new subscription to {@code topic}, acking each, failing after 5 s idle. */
    List<Message> read(String topic, int count) throws InterruptedException {
        List<Message> read = new ArrayList<>();
        try (Subscription subscription = connection.newSubscriber().subscribe(topic)) {
            while (read.size() < count) {
                Message message = subscription.receive(Duration.ofSeconds(5));
                assertThat(message).as("message %d of %d on %s", read.size() + 1, count, topic).isNotNull();
                message.ack();
                read.add(message);
            }
        }
        return read;
    }

    /** Whether a new subscription to {@code topic} receives anything within {@code wait}. */
    boolean hasMessages(String topic, Duration wait) throws InterruptedException {
        try (Subscription subscription = connection.newSubscriber().subscribe(topic)) {
            return subscription.receive(wait) != null;
        }
    }

    static String text(Message message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connection.close();
    }
}
