package dev.millrace.broker.kafka;

import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * How a {@link Message} travels as a Kafka record: payload as the value, {@link Message#key()} as the key, each
 * metadata entry as a UTF-8 header, and the id in one more header.
 *
 * <p>The id header is the one Watermill's Kafka marshaler uses, so that Go services built on Watermill and Millrace
 * read each other's messages with ids intact.
 */
final class KafkaRecords {
    static final String ID_HEADER = "_watermill_message_uuid";

    private KafkaRecords() {
    }

    static ProducerRecord<byte[], byte[]> toRecord(String topic, Message message) {
        List<Header> headers = new ArrayList<>(message.metadata().size() + 1);
        headers.add(new RecordHeader(ID_HEADER, utf8(message.id())));
        message.metadata().forEach((key, value) -> headers.add(new RecordHeader(key, utf8(value))));
        byte[] key = message.key() == null ? null : utf8(message.key());
        return new ProducerRecord<>(topic, null, key, message.payload(), headers);
    }

    /**
     * The message a record carries, with its envelope. A record without the id header (written by another client)
     * gets an id derived from its position, so that every delivery of it has the same id.
     */
    static Message toMessage(ConsumerRecord<byte[], byte[]> record, boolean redelivered) {
        return toMessage(record, redelivered, Instant.now(), System.nanoTime());
    }

    /**
     * The same, with the receive time given: the records of one poll arrived together, and reading the clock for
     * each of them cost a measurable share of the subscribe path.
     */
    static Message toMessage(ConsumerRecord<byte[], byte[]> record, boolean redelivered, Instant receivedAt,
                             long receivedNanos) {
        String id = null;
        Metadata metadata = new Metadata();
        for (Header header : record.headers()) {
            String value = header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
            if (header.key().equals(ID_HEADER)) {
                id = value;
            } else {
                metadata.set(header.key(), value);
            }
        }
        if (id == null) {
            id = positionalId(record);
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        Message message = new Message(id, metadata, record.value()).withKey(key);
        Instant brokerTimestamp = record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null;
        message.setEnvelope(new Envelope(KafkaBrokerAdapter.ID, record.topic(), key, record.partition(),
                record.offset(), brokerTimestamp, receivedAt, receivedNanos, redelivered));
        return message;
    }

    /** Payload, key and headers: what counts against the broker's record size limit, framing aside. */
    static long size(Message message) {
        long size = message.payload().length + ID_HEADER.length() + message.id().length();
        if (message.key() != null) {
            size += utf8(message.key()).length;
        }
        long[] metadata = {0};
        message.metadata().forEach((key, value) -> metadata[0] += utf8(key).length + utf8(value).length);
        return size + metadata[0];
    }

    static long size(ConsumerRecord<byte[], byte[]> record) {
        return Math.max(0, record.serializedValueSize()) + Math.max(0, record.serializedKeySize());
    }

    private static String positionalId(ConsumerRecord<byte[], byte[]> record) {
        byte[] topic = utf8(record.topic());
        ByteBuffer position = ByteBuffer.allocate(topic.length + Integer.BYTES + Long.BYTES)
                .put(topic).putInt(record.partition()).putLong(record.offset());
        return UUID.nameUUIDFromBytes(position.array()).toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
