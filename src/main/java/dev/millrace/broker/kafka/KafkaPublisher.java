package dev.millrace.broker.kafka;

import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.PayloadTooLargeException;
import dev.millrace.message.Publisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Publishes through one idempotent {@link KafkaProducer} with {@code acks=all}. A publish sends every message, then
 * waits for every acknowledgement, so the records of one call travel in as few batches as the producer can make.
 * Thread-safe, as the producer is.
 */
final class KafkaPublisher implements Publisher {
    private final KafkaConnection connection;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicBoolean closed = new AtomicBoolean();

    KafkaPublisher(KafkaConnection connection) {
        this.connection = connection;
        this.producer = connection.newProducer();
    }

    @Override
    public void publish(String topic, List<Message> messages) {
        if (closed.get()) {
            throw new MessagingException("the publisher is closed");
        }
        long limit = connection.options().maxPayloadBytes();
        for (Message message : messages) {
            if (message.payload().length > limit) {
                throw new PayloadTooLargeException(topic, message.payload().length, limit);
            }
        }
        connection.ensureTopic(topic);
        List<Future<RecordMetadata>> sends = new ArrayList<>(messages.size());
        RuntimeException failure = null;
        for (Message message : messages) {
            try {
                sends.add(producer.send(KafkaRecords.toRecord(topic, message)));
            } catch (KafkaException | IllegalStateException e) {
                failure = failure(topic, message, e);
                break;
            }
        }
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = failure(topic, messages.get(i), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessagingException("interrupted while waiting for Kafka to acknowledge "
                        + messages.size() + " message(s) on '" + topic + "'", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Flushes what was sent and releases the producer. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                producer.close(connection.options().publishTimeout());
            } finally {
                connection.forget(this);
            }
        }
    }

    private RuntimeException failure(String topic, Message message, Throwable cause) {
        if (cause instanceof RecordTooLargeException) {
            return new PayloadTooLargeException(topic, KafkaRecords.size(message), recordLimit(topic));
        }
        if (cause instanceof InterruptException) {
            Thread.currentThread().interrupt();
            return new MessagingException("interrupted while publishing to '" + topic + "'", cause);
        }
        if (cause instanceof IllegalStateException && closed.get()) {
            return new MessagingException("the publisher is closed", cause);
        }
        if (cause instanceof TimeoutException) {
            return new MessagingException("Kafka did not acknowledge message " + message.id() + " on '" + topic
                    + "' in time (publish.timeout " + connection.options().publishTimeout().toSeconds() + " s): "
                    + cause.getMessage(), cause);
        }
        return new MessagingException("publishing message " + message.id() + " to '" + topic + "' failed: "
                + KafkaConnection.rootMessage(cause), cause);
    }

    /**
     * The record limit that refused a message: the topic's {@code max.message.bytes} when the broker refused it,
     * which may be lower than ours for topics created elsewhere; ours when the producer refused it itself.
     */
    private long recordLimit(String topic) {
        long ours = connection.options().maxRecordBytes();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            ConfigEntry entry = connection.await(connection.adminClient().describeConfigs(List.of(resource)).all(),
                    "reading the size limit of topic '" + topic + "'").get(resource).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return entry == null || entry.value() == null ? ours : Math.min(ours, Long.parseLong(entry.value()));
        } catch (MessagingException | NumberFormatException e) {
            return ours;
        }
    }
}
