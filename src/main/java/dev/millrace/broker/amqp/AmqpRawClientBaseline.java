package dev.millrace.broker.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.millrace.broker.RawClientBaseline;
import dev.millrace.message.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * amqp-client on its own doing the benchmark's work, for the adapter/raw ratio: a channel per publishing thread in
 * confirm mode, each message published and its confirm awaited, as {@code publish} of one message does; one
 * consumer with the same prefetch that acks each delivery in its callback. Connection settings, topology and
 * persistence come from the same options as the adapter's.
 */
public final class AmqpRawClientBaseline implements RawClientBaseline {
    private static final String GROUP = "raw-baseline";
    private static final Duration IDLE = Duration.ofSeconds(30);

    @Override
    public String adapterId() {
        return AmqpBrokerAdapter.ID;
    }

    @Override
    public void prepare(Map<String, String> options, String topic) throws Exception {
        AmqpSettings settings = AmqpSettings.parse(options);
        try (Connection connection = settings.connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            // Not measured: the same exchange, queue and binding the adapter would declare for a consumer group.
            settings.topology().declareQueue(channel, topic, GROUP);
        }
    }

    @Override
    public Duration publish(Map<String, String> options, String topic, long messages, int payloadBytes,
                            int publishers) throws Exception {
        AmqpSettings settings = AmqpSettings.parse(options);
        Topology topology = settings.topology();
        String exchange = topology.exchange(topic);
        String routingKey = topology.routingKey(topic, null);
        int deliveryMode = topology.persistentMessages() ? 2 : 1;
        byte[] payload = new byte[payloadBytes];
        AtomicLong remaining = new AtomicLong(messages);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (Connection connection = settings.connectionFactory().newConnection()) {
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < publishers; i++) {
                threads.add(Thread.ofPlatform().name("raw-amqp-publisher-" + i).start(() -> {
                    try (Channel channel = connection.createChannel()) {
                        channel.confirmSelect();
                        while (remaining.getAndDecrement() > 0) {
                            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                                    .messageId(Message.newId())
                                    .deliveryMode(deliveryMode)
                                    .timestamp(new Date())
                                    .build();
                            channel.basicPublish(exchange, routingKey, false, properties, payload);
                            channel.waitForConfirmsOrDie(settings.publishTimeout().toMillis());
                        }
                    } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
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

    @Override
    public Duration consume(Map<String, String> options, String topic, long messages) throws Exception {
        AmqpSettings settings = AmqpSettings.parse(options);
        String queue = settings.topology().groupQueue(topic, GROUP);
        CountDownLatch received = new CountDownLatch(Math.toIntExact(messages));
        try (Connection connection = settings.connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.basicQos(settings.prefetch());
            long start = System.nanoTime();
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) throws IOException {
                    channel.basicAck(envelope.getDeliveryTag(), false);
                    received.countDown();
                }
            });
            long seen = 0;
            while (received.getCount() > 0) {
                if (!received.await(IDLE.toNanos(), TimeUnit.NANOSECONDS) && messages - received.getCount() == seen) {
                    throw new IllegalStateException("no message for " + IDLE.toSeconds() + " s; received " + seen
                            + " of " + messages);
                }
                seen = messages - received.getCount();
            }
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }
}
