package dev.millrace.broker.memory;

import dev.millrace.message.CapacityExceededException;
import dev.millrace.message.MessagingException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One named in-JVM broker: its topics and the bytes they hold. Shared by every connection naming it. */
final class MemoryBroker {
    private final MemorySettings settings;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    MemoryBroker(MemorySettings settings) {
        this.settings = settings;
    }

    String name() {
        return settings.instance();
    }

    MemorySettings settings() {
        return settings;
    }

    /** The topic, created on first use. */
    Topic topic(String topicName) {
        if (topicName == null || topicName.isBlank()) {
            throw new IllegalArgumentException("a topic name must not be blank");
        }
        return topics.computeIfAbsent(topicName, name -> new Topic(name, this));
    }

    Topic existingTopic(String topicName) {
        Topic topic = topics.get(topicName);
        if (topic == null) {
            throw new MessagingException("no topic '" + topicName + "' on memory instance '" + name() + "'");
        }
        return topic;
    }

    List<Topic> topics() {
        return topics.values().stream().sorted(Comparator.comparing(Topic::name)).toList();
    }

    /** Counts {@code count} messages of {@code amount} bytes against the instance bound, or fails saying so. */
    void reserve(long amount, int count, String topicName) {
        long held;
        do {
            held = bytes.get();
            if (held + amount > settings.maxBytes()) {
                throw new CapacityExceededException("memory instance '" + name() + "' holds " + held
                        + " of at most " + settings.maxBytes() + " bytes and cannot take " + count
                        + " more message(s) of " + amount + " bytes on topic '" + topicName + "'; raise the '"
                        + MemorySettings.MAX_BYTES + "' option"
                        + (settings.persistent()
                                ? " or connect with " + MemorySettings.PERSISTENT + "=false to drop acked messages"
                                : " or ack what the consumer groups have read"));
            }
        } while (!bytes.compareAndSet(held, held + amount));
    }

    void release(long amount) {
        bytes.addAndGet(-amount);
    }
}
