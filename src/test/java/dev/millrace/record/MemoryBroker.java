package dev.millrace.record;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import dev.millrace.message.Publisher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Connections to named in-memory broker instances, through the SPI only, and test messages to publish on them. */
final class MemoryBroker {

    private MemoryBroker() {
    }

    /** A persistent instance: it has acknowledgements, so the recorder acks after commit. */
    static BrokerConnection persistent(String instance) {
        return Brokers.require("memory").connect(Map.of("instance", instance));
    }

    /** A non-persistent instance: without acknowledgements that matter, the recorder acks on receipt. */
    static BrokerConnection transientInstance(String instance, Map<String, String> more) {
        Map<String, String> options = new HashMap<>(more);
        options.put("instance", instance);
        options.put("persistent", "false");
        return Brokers.require("memory").connect(options);
    }

    /** {@code count} text messages {@code prefix-i} with metadata {@code index=i}. */
    static List<Message> messages(String prefix, int count) {
        List<Message> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Message message = Message.of((prefix + "-" + i).getBytes(StandardCharsets.UTF_8));
            message.metadata().set("index", String.valueOf(i));
            messages.add(message);
        }
        return messages;
    }

    static Message message(String id, String payload, Metadata metadata) {
        return new Message(id, metadata, payload.getBytes(StandardCharsets.UTF_8));
    }

    static void publish(BrokerConnection connection, String topic, List<Message> messages) {
        try (Publisher publisher = connection.newPublisher()) {
            publisher.publish(topic, messages);
        }
    }
}
