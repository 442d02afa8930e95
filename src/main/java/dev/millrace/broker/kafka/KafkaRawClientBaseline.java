package dev.millrace.broker.kafka;

import dev.millrace.broker.RawClientBaseline;
import dev.millrace.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A plain {@link KafkaProducer} and {@link KafkaConsumer} doing the benchmark's work, configured exactly as the
 * adapter configures its own (same options, acks=all, idempotence, linger, manual commits), so that the ratio
 * measures what Millrace adds and not a difference in settings. The records carry the payload and the message id
 * header, as every message must (the JetStream and RabbitMQ baselines send an id too); the metadata mapping and the
 * decoding into a message are part of what the adapter costs.
 */
public final class KafkaRawClientBaseline implements RawClientBaseline {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration IDLE = Duration.ofSeconds(30);

    @Override
    public String adapterId() {
        return KafkaBrokerAdapter.ID;
    }

    /**
     * Creates the topic exactly as the adapter would (partitions, replicas, size limit, waiting for its leaders). This
     * part is not timed, so it may use the adapter itself.
     */
    @Override
    public void prepare(Map<String, String> options, String topic) {
        try (KafkaConnection connection = KafkaConnection.open(new KafkaBrokerAdapter(),
                KafkaOptions.parse(options))) {
            connection.ensureTopic(topic);
        }
    }

    /** The options as a connection of the adapter settles them (the group protocol the cluster offers). */
    private static KafkaOptions settled(Map<String, String> options) {
        try (KafkaConnection connection = KafkaConnection.open(new KafkaBrokerAdapter(),
                KafkaOptions.parse(options))) {
            return connection.options();
        }
    }

    /** Each thread sends one record at a time and waits for its acknowledgement, as {@code publish} does. */
    @Override
    public Duration publish(Map<String, String> options, String topic, long messages, int payloadBytes,
                            int publishers) throws Exception {
        byte[] payload = new byte[payloadBytes];
        AtomicLong remaining = new AtomicLong(messages);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(settled(options).producerConfig("baseline-producer"))) {
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < publishers; i++) {
                threads.add(Thread.ofPlatform().name("kafka-baseline-publisher-" + i).start(() -> {
                    try {
                        while (remaining.getAndDecrement() > 0) {
                            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, payload);
                            // The id header every Millrace message carries; metadata mapping is the adapter's cost.
                            record.headers().add(KafkaRecords.ID_HEADER,
                                    Message.newId().getBytes(StandardCharsets.UTF_8));
                            producer.send(record).get();
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (failure.get() != null) {
                throw failure.get();
            }
            return elapsed;
        }
    }

    /**
     * One group member reads from the oldest message, handles each record and commits what it handled after each
     * poll, as the adapter commits acked offsets after each poll. The clock starts before the consumer joins its
     * group, as the adapter's starts before it subscribes.
     */
    @Override
    public Duration consume(Map<String, String> options, String topic, long messages) throws Exception {
        KafkaOptions parsed = settled(options);
        long start = System.nanoTime();
        long handled = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                parsed.consumerConfig("baseline-consumer", "millrace-baseline-" + System.nanoTime()))) {
            consumer.subscribe(List.of(topic));
            long lastProgress = System.nanoTime();
            while (handled < messages) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    if (System.nanoTime() - lastProgress > IDLE.toNanos()) {
                        throw new IllegalStateException("no record for " + IDLE.toSeconds() + " s; read " + handled
                                + " of " + messages);
                    }
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> ignored : records) {
                    handled++;
                }
                consumer.commitAsync();
                lastProgress = System.nanoTime();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            consumer.commitSync();
            return elapsed;
        }
    }
}
