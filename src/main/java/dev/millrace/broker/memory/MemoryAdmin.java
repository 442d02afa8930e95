package dev.millrace.broker.memory;

import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.Message;
import java.util.List;

/** The browse view of a memory broker. Peeking reads the log directly and touches no consumer group. */
final class MemoryAdmin implements BrokerAdmin {
    private final MemoryConnection connection;
    private final MemoryBroker broker;

    MemoryAdmin(MemoryConnection connection, MemoryBroker broker) {
        this.connection = connection;
        this.broker = broker;
    }

    @Override
    public List<TopicInfo> listTopics() {
        connection.ensureOpen();
        return broker.topics().stream().map(Topic::info).toList();
    }

    @Override
    public TopicDetails describeTopic(String topic) {
        connection.ensureOpen();
        return broker.existingTopic(topic).details();
    }

    @Override
    public List<Message> peek(String topic, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("cannot peek at " + count + " messages");
        }
        connection.ensureOpen();
        return broker.existingTopic(topic).latest(count).stream().map(delivery -> delivery.toMessage(topic)).toList();
    }
}
