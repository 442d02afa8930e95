package dev.millrace.broker;

import dev.millrace.message.Message;
import java.util.List;

/** The browse side of a connection: what exists on the broker, without consuming anything. */
public interface BrokerAdmin {

    /** Topics, streams, exchanges or queues, with whatever counts the broker offers. */
    List<TopicInfo> listTopics();

    /** Details of one topic, or a {@link dev.millrace.message.MessagingException} if it does not exist. */
    TopicDetails describeTopic(String topic);

    /** The latest {@code count} messages of a topic, oldest first, without committing or acking anything. */
    List<Message> peek(String topic, int count);
}
