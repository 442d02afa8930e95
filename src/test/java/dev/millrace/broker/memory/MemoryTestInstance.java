package dev.millrace.broker.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Message;
import dev.millrace.message.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A memory instance of one test's own, with the connections the test opened to it, closed afterwards. */
final class MemoryTestInstance implements AutoCloseable {
    private final String name = "unit-" + UUID.randomUUID();
    private final List<BrokerConnection> connections = new ArrayList<>();

    String name() {
        return name;
    }

    /** A connection to this instance with the given extra options, as name-value pairs. */
    BrokerConnection connect(String... namesAndValues) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("instance", name);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            options.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        BrokerConnection connection = Brokers.require("memory").connect(options);
        connections.add(connection);
        return connection;
    }

    /** The next message of {@code subscription}, failing if none comes within five seconds. */
    static Message next(Subscription subscription) throws InterruptedException {
        Message message = subscription.receive(Duration.ofSeconds(5));
        assertThat(message).as("next message of %s", subscription.topic()).isNotNull();
        return message;
    }

    /** The ids of the next {@code count} messages, each acked. */
    static List<String> ackNext(Subscription subscription, int count) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = next(subscription);
            ids.add(message.id());
            message.ack();
        }
        return ids;
    }

    /** Numbered messages with ids "prefix-1", "prefix-2", ... */
    static List<Message> numbered(String prefix, int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            messages.add(new Message(prefix + "-" + i, ("payload " + i).getBytes()));
        }
        return messages;
    }

    @Override
    public void close() {
        connections.forEach(BrokerConnection::close);
    }
}
