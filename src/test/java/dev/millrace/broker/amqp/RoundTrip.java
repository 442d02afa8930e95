package dev.millrace.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.Message;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Proof that a connection really works: one message published and received through it. */
final class RoundTrip {

    private RoundTrip() {
    }

    static void assertMessageGoesThrough(BrokerConnection connection) throws InterruptedException {
        String topic = "round-trip-" + Message.newId();
        SubscribeOptions group = SubscribeOptions.group("checker");
        Message sent = Message.of("hello".getBytes(StandardCharsets.UTF_8));
        try (Subscriber subscriber = connection.newSubscriber()) {
            Subscription subscription = subscriber.subscribe(topic, group);
            connection.newPublisher().publish(topic, sent);

            Message received = subscription.receive(Duration.ofSeconds(10));
            assertThat(received).as("message through the connection").isEqualTo(sent);
            received.ack();
        }
    }
}
