package dev.millrace.broker.nats;

import dev.millrace.broker.OptionValues;
import dev.millrace.broker.RawClientBaseline;
import dev.millrace.message.Message;
import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.impl.Headers;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's work done with plain jnats, as a JetStream user would write it: a stream with the topic as its
 * subject, synchronous publishes carrying the message id in {@code Nats-Msg-Id} (each waits for its PubAck, as the
 * adapter's publish does), a durable pull consumer read through jnats' own iterating consumer with the adapter's
 * batch size, and an ack per message.
 */
public final class JetStreamRawClientBaseline implements RawClientBaseline {
    private static final String CONSUMER = "raw-baseline";

    @Override
    public String adapterId() {
        return JetStreamAdapter.ID;
    }

    /** Creates the stream and the durable consumer, as the adapter's initialize does for a group. */
    @Override
    public void prepare(Map<String, String> options, String topic) throws Exception {
        Settings settings = Settings.of(options);
        Connection connection = Nats.connect(settings.client().toClientOptions(null, null));
        try {
            JetStreamManagement management = connection.jetStreamManagement(settings.jetStreamOptions());
            management.addStream(StreamConfiguration.builder()
                    .name(settings.streams().streamName(topic))
                    .subjects(topic)
                    .storageType(settings.streams().storage())
                    .build());
            management.addOrUpdateConsumer(settings.streams().streamName(topic), ConsumerConfiguration.builder()
                    .durable(CONSUMER)
                    .ackPolicy(AckPolicy.Explicit)
                    .deliverPolicy(DeliverPolicy.All)
                    .ackWait(settings.streams().ackWait())
                    .maxAckPending(settings.streams().maxAckPending())
                    .build());
        } finally {
            connection.close();
        }
    }

    @Override
    public Duration publish(Map<String, String> options, String topic, long messages, int payloadBytes,
            int publishers) throws Exception {
        Settings settings = Settings.of(options);
        byte[] payload = new byte[payloadBytes];
        AtomicLong remaining = new AtomicLong(messages);
        Connection connection = Nats.connect(settings.client().toClientOptions(null, null));
        try (ExecutorService threads = Executors.newFixedThreadPool(publishers)) {
            JetStream jetStream = connection.jetStream(settings.jetStreamOptions());
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                running.add(threads.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        // The id in the header JetStream knows it by, as every Millrace message carries one.
                        jetStream.publish(topic, new Headers().put(HeaderCodec.ID, Message.newId()), payload);
                    }
                    return null;
                }));
            }
            for (Future<?> publisher : running) {
                publisher.get();
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            connection.close();
        }
    }

    @Override
    public Duration consume(Map<String, String> options, String topic, long messages) throws Exception {
        Settings settings = Settings.of(options);
        Connection connection = Nats.connect(settings.client().toClientOptions(null, null));
        try {
            long start = System.nanoTime();
            ConsumerContext consumer = connection.getStreamContext(settings.streams().streamName(topic),
                    settings.jetStreamOptions()).getConsumerContext(CONSUMER);
            IterableConsumer iterator = consumer.iterate(ConsumeOptions.builder()
                    .batchSize(settings.streams().pullBatch()).build());
            try {
                for (long read = 0; read < messages; read++) {
                    io.nats.client.Message message = iterator.nextMessage(Duration.ofSeconds(30));
                    if (message == null) {
                        throw new IllegalStateException("no message for 30 s; read " + read + " of " + messages);
                    }
                    message.ack();
                }
            } finally {
                iterator.close();
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            connection.close();
        }
    }

    /** The adapter's own option parsing, so that both sides reach the same server with the same settings. */
    private record Settings(NatsSettings client, JetStreamApi api, StreamSettings streams) {

        static Settings of(Map<String, String> options) {
            OptionValues values = OptionValues.parse(new JetStreamAdapter().options(), options);
            return new Settings(NatsSettings.from(values), JetStreamApi.from(values), StreamSettings.from(values));
        }

        JetStreamOptions jetStreamOptions() {
            return api.clientOptions(client.requestTimeout());
        }
    }
}
