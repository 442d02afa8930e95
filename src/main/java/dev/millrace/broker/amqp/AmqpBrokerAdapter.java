package dev.millrace.broker.amqp;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.OptionSpec;
import java.util.List;
import java.util.Map;

/**
 * RabbitMQ over AMQP 0-9-1, with the official amqp-client: publisher confirms, manual acks, a queue per consumer
 * group, automatic reconnection. The admin view needs the {@code rabbitmq_management} plugin.
 *
 * <p>It does not declare {@code EXACTLY_ONCE}: a message whose ack was lost with a connection, or whose confirm was
 * lost before a publisher retried, arrives twice. Nor {@code NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES}: a queue holds
 * what arrived since it was declared, and forgets what its consumers acked.
 */
public final class AmqpBrokerAdapter implements BrokerAdapter {
    static final String ID = "amqp";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "RabbitMQ (AMQP 0-9-1)";
    }

    @Override
    public List<OptionSpec> options() {
        return AmqpSettings.OPTIONS;
    }

    /** The capabilities with default options; a connection reports its own (they depend on the topology). */
    @Override
    public Capabilities capabilities() {
        return AmqpSettings.DEFAULTS.capabilities();
    }

    @Override
    public BrokerConnection connect(Map<String, String> options) {
        return AmqpConnection.open(this, AmqpSettings.parse(options));
    }
}
