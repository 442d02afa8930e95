package dev.millrace.broker.amqp;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.OpenResources;
import dev.millrace.message.Publisher;
import dev.millrace.message.Subscriber;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two AMQP connections to one broker: one for publishers, one for subscribers. RabbitMQ blocks a connection that
 * publishes while the broker is short of memory or disk; keeping consumers on their own connection means they can
 * still ack, and so free the broker, while publishing is blocked.
 */
final class AmqpConnection implements BrokerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);

    private final AmqpBrokerAdapter adapter;
    private final AmqpSettings settings;
    private final Connection publishing;
    private final Connection consuming;
    /** Exchanges known to exist, so that a publish declares its exchange only the first time. */
    private final Set<String> declaredExchanges = ConcurrentHashMap.newKeySet();
    private final OpenResources resources;
    private ManagementApi managementApi;
    private AmqpAdmin admin;

    private AmqpConnection(AmqpBrokerAdapter adapter, AmqpSettings settings, Connection publishing,
                           Connection consuming) {
        this.adapter = adapter;
        this.settings = settings;
        this.publishing = publishing;
        this.consuming = consuming;
        this.resources = new OpenResources("RabbitMQ at " + settings.address());
    }

    /** Connects, or fails within the connection timeout with a ConnectionException saying why. */
    static AmqpConnection open(AmqpBrokerAdapter adapter, AmqpSettings settings) {
        ConnectionFactory factory = settings.connectionFactory();
        Connection consuming = connect(factory, settings, settings.connectionName() + " (subscribe)");
        Connection publishing;
        try {
            publishing = connect(factory, settings, settings.connectionName() + " (publish)");
        } catch (RuntimeException e) {
            closeQuietly(consuming, settings);
            throw e;
        }
        LOG.debug("connected to RabbitMQ at {} as '{}'", settings.address(), settings.username());
        return new AmqpConnection(adapter, settings, publishing, consuming);
    }

    @Override
    public BrokerAdapter adapter() {
        return adapter;
    }

    @Override
    public Capabilities capabilities() {
        return settings.capabilities();
    }

    @Override
    public Publisher newPublisher() {
        resources.ensureOpen();
        return resources.add(new AmqpPublisher(publishing, settings, declaredExchanges, resources::remove));
    }

    @Override
    public Subscriber newSubscriber() {
        resources.ensureOpen();
        return resources.add(new AmqpSubscriber(consuming, settings, resources::remove));
    }

    /** The management API client is made on first use: publishing and subscribing do not need the plugin. */
    @Override
    public synchronized BrokerAdmin admin() {
        resources.ensureOpen();
        if (admin == null) {
            managementApi = new ManagementApi(settings);
            admin = new AmqpAdmin(managementApi, settings);
        }
        return admin;
    }

    @Override
    public void close() {
        if (!resources.closeAll()) {
            return;
        }
        closeQuietly(publishing, settings);
        closeQuietly(consuming, settings);
        synchronized (this) {
            if (managementApi != null) {
                managementApi.close();
            }
        }
    }

    private static Connection connect(ConnectionFactory factory, AmqpSettings settings, String name) {
        Connection connection;
        try {
            connection = factory.newConnection(name);
        } catch (IOException | TimeoutException e) {
            throw AmqpErrors.connectFailed(e, settings);
        }
        connection.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                LOG.warn("RabbitMQ at {} blocks publishing: {}", settings.address(), reason);
            }

            @Override
            public void handleUnblocked() {
                LOG.info("RabbitMQ at {} accepts publishing again", settings.address());
            }
        });
        ((Recoverable) connection).addRecoveryListener(new RecoveryListener() {
            @Override
            public void handleRecoveryStarted(Recoverable recoverable) {
                LOG.warn("lost the connection '{}' to RabbitMQ at {}; reconnecting every {} ms", name,
                        settings.address(), settings.recoveryInterval().toMillis());
            }

            @Override
            public void handleRecovery(Recoverable recoverable) {
                LOG.info("reconnected '{}' to RabbitMQ at {}", name, settings.address());
            }
        });
        return connection;
    }

    private static void closeQuietly(Connection connection, AmqpSettings settings) {
        try {
            connection.close(Math.toIntExact(settings.connectionTimeout().toMillis()));
        } catch (IOException | ShutdownSignalException e) {
            LOG.debug("closing the connection to {}: {}", settings.address(), e.toString());
        }
    }
}
