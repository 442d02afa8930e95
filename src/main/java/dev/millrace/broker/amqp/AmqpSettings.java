package dev.millrace.broker.amqp;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.impl.recovery.RecordedEntity;
import com.rabbitmq.client.impl.recovery.RecordedBinding;
import com.rabbitmq.client.impl.recovery.RecordedConsumer;
import com.rabbitmq.client.impl.recovery.RecordedExchange;
import com.rabbitmq.client.impl.recovery.RecordedQueue;
import com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.Feature;
import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionType;
import dev.millrace.broker.OptionValues;
import dev.millrace.message.ConnectionException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The options of an AMQP connection, checked and typed.
 *
 * @param host              broker host name or address
 * @param port              AMQP port
 * @param virtualHost       RabbitMQ virtual host
 * @param username          user name (PLAIN authentication)
 * @param password          password (PLAIN authentication)
 * @param externalAuth      authenticate with the TLS client certificate (SASL EXTERNAL) instead of a password
 * @param tls               TLS settings
 * @param connectionTimeout time allowed for the TCP connect and for the AMQP handshake, each
 * @param heartbeat         heartbeat interval asked of the broker; zero turns heartbeats off
 * @param recoveryInterval  pause between attempts to reconnect after the connection was lost
 * @param publishTimeout    how long a publish waits for the broker's confirms
 * @param prefetch          unacknowledged messages the broker sends ahead to one subscription
 * @param maxMessageSize    largest payload the broker accepts (its {@code max_message_size})
 * @param connectionName    name shown for the connections in the management UI
 * @param topology          how topics map to exchanges and queues
 * @param management        where the management HTTP API is, for the admin view
 */
record AmqpSettings(String host, int port, String virtualHost, String username, Secret password,
                    boolean externalAuth, TlsSettings tls, Duration connectionTimeout, Duration heartbeat,
                    Duration recoveryInterval, Duration publishTimeout, int prefetch, long maxMessageSize,
                    String connectionName, Topology topology, ManagementSettings management) {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String VHOST = "vhost";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String SASL_MECHANISM = "sasl-mechanism";
    static final String TLS = "tls";
    static final String TLS_TRUSTSTORE = "tls-truststore";
    static final String TLS_TRUSTSTORE_PASSWORD = "tls-truststore-password";
    static final String TLS_KEYSTORE = "tls-keystore";
    static final String TLS_KEYSTORE_PASSWORD = "tls-keystore-password";
    static final String TLS_VERIFY_HOSTNAME = "tls-verify-hostname";
    static final String CONNECTION_TIMEOUT = "connection-timeout";
    static final String HEARTBEAT = "heartbeat";
    static final String RECOVERY_INTERVAL = "recovery-interval";
    static final String PUBLISH_TIMEOUT = "publish-timeout";
    static final String PREFETCH = "prefetch";
    static final String MAX_MESSAGE_SIZE = "max-message-size";
    static final String CONNECTION_NAME = "connection-name";
    static final String EXCHANGE_NAME = "exchange-name";
    static final String EXCHANGE_TYPE = "exchange-type";
    static final String ROUTING_KEY = "routing-key";
    static final String BINDING_KEY = "binding-key";
    static final String QUEUE_NAME = "queue-name";
    static final String QUEUE_TYPE = "queue-type";
    static final String DURABLE = "durable";
    static final String AUTO_DELETE = "auto-delete";
    static final String PERSISTENT = "persistent";
    static final String QUEUE_MESSAGE_TTL = "queue-message-ttl";
    static final String QUEUE_MAX_LENGTH = "queue-max-length";
    static final String DEAD_LETTER_EXCHANGE = "dead-letter-exchange";
    static final String MANAGEMENT_URL = "management-url";
    static final String MANAGEMENT_USERNAME = "management-username";
    static final String MANAGEMENT_PASSWORD = "management-password";

    static final int AMQP_PORT = 5672;
    static final int AMQPS_PORT = 5671;
    static final int MANAGEMENT_PORT = 15672;
    /** RabbitMQ's hard ceiling for {@code max_message_size} (3.8 and later). */
    static final long LARGEST_MESSAGE_SIZE = 512L << 20;

    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional(HOST, OptionType.STRING, "localhost", "Host name or address of the RabbitMQ broker"),
            OptionSpec.optional(PORT, OptionType.INTEGER, null,
                    "AMQP port; " + AMQP_PORT + ", or " + AMQPS_PORT + " when tls=true"),
            OptionSpec.optional(VHOST, OptionType.STRING, "/", "Virtual host to connect to"),
            OptionSpec.optional(USERNAME, OptionType.STRING, "guest",
                    "User name; RabbitMQ lets the default 'guest' user connect from localhost only"),
            new OptionSpec(PASSWORD, OptionType.STRING, "guest", false, true, "Password of the user", List.of()),
            OptionSpec.choice(SASL_MECHANISM, "PLAIN",
                    "PLAIN sends user name and password; EXTERNAL authenticates with the TLS client certificate "
                            + "(needs tls-keystore and the rabbitmq_auth_mechanism_ssl plugin)",
                    "PLAIN", "EXTERNAL"),
            OptionSpec.optional(TLS, OptionType.BOOLEAN, "false", "Connect with TLS (amqps)"),
            OptionSpec.optional(TLS_TRUSTSTORE, OptionType.PATH, null,
                    "PKCS12 or JKS file with the certificates to trust; empty trusts the JVM's default authorities"),
            OptionSpec.secret(TLS_TRUSTSTORE_PASSWORD, "Pass phrase of the truststore"),
            OptionSpec.optional(TLS_KEYSTORE, OptionType.PATH, null,
                    "PKCS12 or JKS file with the client certificate and key, for brokers that verify clients"),
            OptionSpec.secret(TLS_KEYSTORE_PASSWORD, "Pass phrase of the keystore and of the key in it"),
            OptionSpec.optional(TLS_VERIFY_HOSTNAME, OptionType.BOOLEAN, "true",
                    "Check that the broker's certificate names the host connected to"),
            OptionSpec.optional(CONNECTION_TIMEOUT, OptionType.DURATION, "5s",
                    "Time allowed for the TCP connect and, again, for the AMQP handshake"),
            OptionSpec.optional(HEARTBEAT, OptionType.DURATION, "30s",
                    "Heartbeat interval asked of the broker; a dead connection is noticed after two missed beats. "
                            + "0s turns heartbeats off"),
            OptionSpec.optional(RECOVERY_INTERVAL, OptionType.DURATION, "1s",
                    "Pause between attempts to reconnect after the connection was lost"),
            OptionSpec.optional(PUBLISH_TIMEOUT, OptionType.DURATION, "30s",
                    "How long a publish waits for the broker to confirm its messages before it fails"),
            OptionSpec.optional(PREFETCH, OptionType.INTEGER, "100",
                    "Unacknowledged messages the broker sends ahead to one subscription (basic.qos); "
                            + "the subscription still hands out one at a time"),
            OptionSpec.optional(MAX_MESSAGE_SIZE, OptionType.SIZE, "128MiB",
                    "The broker's max_message_size (RabbitMQ's default is 128 MiB); larger payloads are refused "
                            + "before sending"),
            OptionSpec.optional(CONNECTION_NAME, OptionType.STRING, "millrace",
                    "Name shown for the connections in the management UI"),
            OptionSpec.optional(EXCHANGE_NAME, OptionType.STRING, Topology.TOPIC,
                    "Exchange a topic's messages go to; " + Topology.TOPIC + " gives each topic its own exchange. "
                            + "A fixed name shares one exchange, with the topic in the routing and binding keys"),
            OptionSpec.choice(EXCHANGE_TYPE, "topic", "Type of the exchanges Millrace declares",
                    "topic", "direct", "fanout"),
            OptionSpec.optional(ROUTING_KEY, OptionType.STRING, Topology.KEY,
                    "Routing key of published messages; placeholders " + Topology.TOPIC + " and " + Topology.KEY
                            + " (the message key)"),
            OptionSpec.optional(BINDING_KEY, OptionType.STRING, "#",
                    "Binding key of subscription queues; placeholder " + Topology.TOPIC + ". Fanout exchanges ignore "
                            + "it; for direct exchanges use the routing key you publish with"),
            OptionSpec.optional(QUEUE_NAME, OptionType.STRING, Topology.TOPIC + "_" + Topology.GROUP,
                    "Queue of a consumer group; placeholders " + Topology.TOPIC + " and " + Topology.GROUP
                            + ". Subscriptions without a group get an exclusive queue named with a private group"),
            OptionSpec.choice(QUEUE_TYPE, "classic", "Type of consumer-group queues", "classic", "quorum"),
            OptionSpec.optional(DURABLE, OptionType.BOOLEAN, "true",
                    "Exchanges and consumer-group queues survive a broker restart"),
            OptionSpec.optional(AUTO_DELETE, OptionType.BOOLEAN, "false",
                    "Delete a consumer-group queue when its last subscription ends (its unread messages with it)"),
            OptionSpec.optional(PERSISTENT, OptionType.BOOLEAN, "true",
                    "Publish messages as persistent (delivery mode 2), so durable queues keep them over a restart"),
            OptionSpec.optional(QUEUE_MESSAGE_TTL, OptionType.DURATION, null,
                    "x-message-ttl of declared queues: messages older than this are dropped or dead-lettered"),
            OptionSpec.optional(QUEUE_MAX_LENGTH, OptionType.LONG, null,
                    "x-max-length of declared queues: the oldest messages beyond it are dropped or dead-lettered"),
            OptionSpec.optional(DEAD_LETTER_EXCHANGE, OptionType.STRING, null,
                    "x-dead-letter-exchange of declared queues"),
            OptionSpec.optional(MANAGEMENT_URL, OptionType.STRING, null,
                    "Base URL of the management HTTP API used by the admin view (rabbitmq_management plugin); "
                            + "default http://<host>:" + MANAGEMENT_PORT + "/"),
            OptionSpec.optional(MANAGEMENT_USERNAME, OptionType.STRING, null,
                    "User for the management API; default: the AMQP user"),
            OptionSpec.secret(MANAGEMENT_PASSWORD, "Password for the management API; default: the AMQP password"));

    static final AmqpSettings DEFAULTS = parse(Map.of());

    /** Where the management API is and who to be there. */
    record ManagementSettings(URI url, String username, Secret password) {
    }

    /** Checks {@code raw} and reports every problem at once as a {@link ConnectionException}. */
    static AmqpSettings parse(Map<String, String> raw) {
        OptionValues values;
        try {
            values = OptionValues.parse(OPTIONS, raw);
        } catch (ArithmeticException e) {
            throw invalid(List.of("a size option is too large to count in bytes"));
        }
        List<String> problems = new ArrayList<>();
        boolean tlsEnabled = values.bool(TLS);
        String host = values.string(HOST);
        int port = values.has(PORT) ? values.integer(PORT) : tlsEnabled ? AMQPS_PORT : AMQP_PORT;
        String username = values.string(USERNAME);
        Secret password = new Secret(values.string(PASSWORD));
        TlsSettings tls = new TlsSettings(tlsEnabled, path(values, TLS_TRUSTSTORE),
                new Secret(values.string(TLS_TRUSTSTORE_PASSWORD)), path(values, TLS_KEYSTORE),
                new Secret(values.string(TLS_KEYSTORE_PASSWORD)), values.bool(TLS_VERIFY_HOSTNAME));
        Topology topology = new Topology(values.string(EXCHANGE_NAME),
                Topology.ExchangeType.valueOf(values.string(EXCHANGE_TYPE).toUpperCase(Locale.ROOT)),
                values.string(ROUTING_KEY), values.string(BINDING_KEY), values.string(QUEUE_NAME),
                Topology.QueueType.valueOf(values.string(QUEUE_TYPE).toUpperCase(Locale.ROOT)),
                values.bool(DURABLE), values.bool(AUTO_DELETE), values.bool(PERSISTENT),
                values.has(QUEUE_MESSAGE_TTL) ? values.duration(QUEUE_MESSAGE_TTL) : null,
                values.has(QUEUE_MAX_LENGTH) ? values.longValue(QUEUE_MAX_LENGTH) : null,
                values.string(DEAD_LETTER_EXCHANGE));
        problems.addAll(topology.problems());
        ManagementSettings management = new ManagementSettings(
                managementUrl(values, host, problems),
                values.has(MANAGEMENT_USERNAME) ? values.string(MANAGEMENT_USERNAME) : username,
                values.has(MANAGEMENT_PASSWORD) ? new Secret(values.string(MANAGEMENT_PASSWORD)) : password);
        AmqpSettings settings = new AmqpSettings(host, port, values.string(VHOST), username, password,
                values.string(SASL_MECHANISM).equals("EXTERNAL"), tls, values.duration(CONNECTION_TIMEOUT),
                values.duration(HEARTBEAT), values.duration(RECOVERY_INTERVAL), values.duration(PUBLISH_TIMEOUT),
                values.integer(PREFETCH), values.size(MAX_MESSAGE_SIZE), values.string(CONNECTION_NAME), topology,
                management);
        problems.addAll(settings.problems());
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return settings;
    }

    /** What a connection with these settings guarantees. */
    Capabilities capabilities() {
        Set<Feature> features = EnumSet.of(
                Feature.CONSUMER_GROUPS,
                // One queue, one consumer: RabbitMQ delivers in the order the queue received. A nacked message goes
                // back to the head of the queue, but those already sent ahead (prefetch) come before it.
                Feature.GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER,
                Feature.NETWORK,
                Feature.AUTHENTICATION,
                Feature.PEEK);
        if (topology.keepsGroupQueues()) {
            features.add(Feature.PERSISTENT);
        }
        if (topology.survivesRestarts()) {
            features.add(Feature.RESTARTABLE);
        }
        if (topology.carriesKeys()) {
            features.add(Feature.KEYS);
        }
        if (topology.wildcards()) {
            features.add(Feature.WILDCARDS);
        }
        return new Capabilities(features, maxMessageSize);
    }

    /**
     * A factory for connections that reconnect by themselves: amqp-client's automatic recovery re-opens the
     * connection and its channels and re-declares what those channels declared, consumers included.
     */
    ConnectionFactory connectionFactory() {
        TlsAwareConnectionFactory factory = new TlsAwareConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setVirtualHost(virtualHost);
        factory.setUsername(username);
        factory.setPassword(password.value());
        factory.setConnectionTimeout(millis(connectionTimeout));
        factory.setHandshakeTimeout(millis(connectionTimeout));
        factory.setRequestedHeartbeat(Math.toIntExact(heartbeat.toSeconds()));
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setTopologyRecoveryFilter(ONLY_OPEN_CHANNELS);
        factory.setNetworkRecoveryInterval(recoveryInterval.toMillis());
        // Bounds every channel RPC (declare, close), so that nothing waits for ever on a broker that stopped answering.
        factory.setChannelRpcTimeout(millis(publishTimeout));
        // amqp-client refuses bodies over 64 MiB by default; accept whatever the broker accepts.
        factory.setMaxInboundMessageBodySize(Math.toIntExact(maxMessageSize));
        factory.setThreadFactory(DAEMON_THREADS);
        if (tls.enabled()) {
            factory.useTls(tls.sslContext(), tls.verifyHostname());
        }
        if (externalAuth) {
            factory.setSaslConfig(DefaultSaslConfig.EXTERNAL);
        }
        return factory;
    }

    /** {@code host:port/vhost} for messages; never the credentials. */
    String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port + " (vhost '" + virtualHost + "')";
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (port < 1 || port > 65535) {
            problems.add("option '" + PORT + "' must be between 1 and 65535, got " + port);
        }
        if (prefetch < 1 || prefetch > 65535) {
            problems.add("option '" + PREFETCH + "' must be between 1 and 65535, got " + prefetch);
        }
        if (maxMessageSize < 1 || maxMessageSize > LARGEST_MESSAGE_SIZE) {
            problems.add("option '" + MAX_MESSAGE_SIZE + "' must be between 1 byte and 512 MiB (RabbitMQ's ceiling), "
                    + "got " + maxMessageSize);
        }
        if (connectionTimeout.isZero() || connectionTimeout.isNegative() || publishTimeout.isZero()
                || publishTimeout.isNegative() || recoveryInterval.isNegative() || heartbeat.isNegative()) {
            problems.add("options '" + CONNECTION_TIMEOUT + "' and '" + PUBLISH_TIMEOUT + "' must be positive, '"
                    + RECOVERY_INTERVAL + "' and '" + HEARTBEAT + "' must not be negative");
        }
        if (!tls.enabled() && (tls.truststore() != null || tls.keystore() != null)) {
            problems.add("options '" + TLS_TRUSTSTORE + "' and '" + TLS_KEYSTORE + "' need " + TLS + "=true");
        }
        if (externalAuth && tls.keystore() == null) {
            problems.add(SASL_MECHANISM + "=EXTERNAL authenticates with a client certificate: set '" + TLS_KEYSTORE
                    + "' (and " + TLS + "=true)");
        }
        return problems;
    }

    private static Path path(OptionValues values, String name) {
        return values.has(name) ? Path.of(values.string(name)) : null;
    }

    private static URI managementUrl(OptionValues values, String host, List<String> problems) {
        String text = values.has(MANAGEMENT_URL) ? values.string(MANAGEMENT_URL)
                : "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + MANAGEMENT_PORT + "/";
        try {
            URI url = new URI(text.endsWith("/") ? text : text + "/");
            if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
                problems.add("option '" + MANAGEMENT_URL + "' must be an http:// or https:// URL, got '" + text + "'");
            }
            return url;
        } catch (URISyntaxException e) {
            problems.add("option '" + MANAGEMENT_URL + "' is not a URL: " + e.getMessage());
            return null;
        }
    }

    private static int millis(Duration duration) {
        return Math.toIntExact(Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    private static ConnectionException invalid(List<String> problems) {
        return new ConnectionException(ConnectionException.Reason.INVALID_OPTIONS,
                "invalid connection options: " + String.join("; ", problems));
    }

    /**
     * Skips recorded entities of channels that were closed since they declared them: amqp-client would otherwise try
     * to re-declare them on those dead channels after a reconnect and log a failure for each. What they declared is
     * durable, or is declared again by the next publish or subscribe that needs it.
     */
    private static final TopologyRecoveryFilter ONLY_OPEN_CHANNELS = new TopologyRecoveryFilter() {
        @Override
        public boolean filterExchange(RecordedExchange exchange) {
            return open(exchange);
        }

        @Override
        public boolean filterQueue(RecordedQueue queue) {
            return open(queue);
        }

        @Override
        public boolean filterBinding(RecordedBinding binding) {
            return open(binding);
        }

        @Override
        public boolean filterConsumer(RecordedConsumer consumer) {
            return open(consumer);
        }

        private boolean open(RecordedEntity entity) {
            return entity.getChannel().isOpen();
        }
    };

    /**
     * amqp-client's public {@code useSslProtocol(SSLContext)} always verifies the host name; the variant that lets
     * {@code tls-verify-hostname=false} turn that off is protected.
     */
    private static final class TlsAwareConnectionFactory extends ConnectionFactory {
        void useTls(SSLContext context, boolean verifyHostname) {
            useSslProtocol(context, verifyHostname);
        }
    }

    /** amqp-client's threads must not keep the JVM alive after the CLI or a test is done. */
    private static final ThreadFactory DAEMON_THREADS = new ThreadFactory() {
        private final AtomicInteger created = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "millrace-amqp-" + created.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    };
}
