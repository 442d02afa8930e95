package dev.millrace.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.millrace.message.Message;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The raw-client baseline does the benchmark's work on a real broker and leaves nothing behind unread. */
class AmqpRawClientBaselineTest {
    private static RabbitMqServer server;
    private static String virtualHost;

    @BeforeAll
    static void createVirtualHost() {
        server = RabbitMqServer.shared();
        virtualHost = server.newVirtualHost("baseline");
    }

    @AfterAll
    static void deleteVirtualHost() {
        server.deleteVirtualHost(virtualHost);
    }

    @Test
    void publishesThenConsumesEveryMessage() throws Exception {
        AmqpRawClientBaseline baseline = new AmqpRawClientBaseline();
        Map<String, String> options = server.options(virtualHost);
        String topic = "bench_raw_" + Message.newId().substring(0, 8);

        baseline.prepare(options, topic);
        Duration publishing = baseline.publish(options, topic, 500, 64, 4);
        Duration consuming = baseline.consume(options, topic, 500);

        assertThat(publishing).isPositive();
        assertThat(consuming).isPositive();
        try (Connection raw = AmqpSettings.parse(options).connectionFactory().newConnection();
             Channel channel = raw.createChannel()) {
            assertThat(channel.messageCount(AmqpSettings.DEFAULTS.topology().groupQueue(topic, "raw-baseline")))
                    .as("messages left in the queue").isZero();
        }
    }
}
