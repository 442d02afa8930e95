package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Proof that a connection really works: one message published and received through it. */
final class RoundTrip {

    private RoundTrip() {
    }

    /** Connects {@code adapter} with {@code options} and sends one message through a subscription of its own. */
    static void assertMessageGoesThrough(String adapter, Map<String, String> options) throws InterruptedException {
        assertMessageGoesThrough(adapter, options, "round-trip-" + Message.newId(), SubscribeOptions.DEFAULT);
    }

    static void assertMessageGoesThrough(String adapter, Map<String, String> options, String topic,
                                         SubscribeOptions subscribeOptions) throws InterruptedException {
        try (BrokerConnection connection = Brokers.require(adapter).connect(options);
                Subscriber subscriber = connection.newSubscriber();
                Publisher publisher = connection.newPublisher()) {
            Subscription subscription = subscriber.subscribe(topic, subscribeOptions);
            Message sent = Message.of("hello".getBytes(StandardCharsets.UTF_8));
            publisher.publish(topic, sent);

            Message received = subscription.receive(Duration.ofSeconds(10));

            assertThat(received).as("message through the connection").isNotNull();
            assertThat(received.id()).isEqualTo(sent.id());
            received.ack();
        }
    }
}
