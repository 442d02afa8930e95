package dev.millrace.broker.kafka;

import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionType;
import dev.millrace.broker.OptionValues;
import dev.millrace.message.ConnectionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka adapter's connection options, parsed and checked, and the client configurations made from them.
 *
 * <p>Names follow Kafka's own where an option maps one to one, so that people who know Kafka recognise them.
 *
 * @param bootstrapServers  {@code host:port[,host:port...]}
 * @param clientId          prefix of every client id; each client adds a suffix so that ids stay unique
 * @param security          protocol, SASL and TLS settings
 * @param connectTimeout    how long {@code connect()} may take to reach a server and authenticate
 * @param requestTimeout    Kafka's {@code request.timeout.ms}, also the bound of admin calls
 * @param publishTimeout    how long {@code publish} waits for the broker's acknowledgement
 * @param maxPayloadBytes   the largest payload a publish accepts
 * @param linger            the producer's {@code linger.ms}
 * @param compression       the producer's {@code compression.type}
 * @param consumer          consumer group settings
 * @param topics            what the adapter does about topics that do not exist
 * @param clientConfig      a Kafka client properties file merged into every client's configuration, or null
 */
record KafkaOptions(
        String bootstrapServers,
        String clientId,
        Security security,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration publishTimeout,
        long maxPayloadBytes,
        Duration linger,
        String compression,
        Consumer consumer,
        Topics topics,
        Path clientConfig) {

    /**
     * Room a record needs beside its payload: the id header, metadata, key and batch framing. The producer's
     * {@code max.request.size} and the {@code max.message.bytes} of topics the adapter creates are the payload limit
     * plus this, so that a payload right at the limit still fits.
     */
    static final int RECORD_HEADROOM = 64 * 1024;
    static final long DEFAULT_MAX_PAYLOAD_BYTES = 1L << 20;

    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.required("bootstrap.servers", OptionType.STRING,
                    "Kafka servers to start from, host:port, comma-separated (e.g. localhost:9092)."),
            OptionSpec.optional("client.id", OptionType.STRING, "millrace",
                    "Client id prefix shown in broker logs and quotas; every client adds a suffix."),
            OptionSpec.choice("security.protocol", "PLAINTEXT",
                    "How to talk to the listener: plain, TLS, SASL, or SASL over TLS.",
                    "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
            OptionSpec.choice("sasl.mechanism", "PLAIN", "SASL mechanism for the SASL protocols.",
                    "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"),
            OptionSpec.optional("sasl.username", OptionType.STRING, null, "SASL user name."),
            OptionSpec.secret("sasl.password", "SASL password."),
            OptionSpec.optional("ssl.truststore.location", OptionType.PATH, null,
                    "Trust store with the CA certificates of the brokers (SSL, SASL_SSL); the JVM's when empty."),
            OptionSpec.secret("ssl.truststore.password", "Password of the trust store."),
            OptionSpec.choice("ssl.truststore.type", "JKS", "Format of the trust store.", "JKS", "PKCS12", "PEM"),
            OptionSpec.optional("ssl.keystore.location", OptionType.PATH, null,
                    "Key store with this client's certificate, for brokers that require TLS client authentication."),
            OptionSpec.secret("ssl.keystore.password", "Password of the key store."),
            OptionSpec.secret("ssl.key.password", "Password of the private key in the key store."),
            OptionSpec.choice("ssl.keystore.type", "JKS", "Format of the key store.", "JKS", "PKCS12", "PEM"),
            OptionSpec.optional("ssl.endpoint.identification", OptionType.BOOLEAN, "true",
                    "Check that the broker's certificate names its host; turn off only for test certificates."),
            OptionSpec.optional("connect.timeout", OptionType.DURATION, "5s",
                    "How long connecting may take to reach a bootstrap server and authenticate."),
            OptionSpec.optional("request.timeout", OptionType.DURATION, "30s",
                    "How long to wait for the answer to one request (Kafka's request.timeout.ms)."),
            OptionSpec.optional("publish.timeout", OptionType.DURATION, "2m",
                    "How long a publish waits for the brokers to acknowledge, retries included."),
            OptionSpec.optional("max.payload.size", OptionType.SIZE, "1MiB",
                    "Largest payload to publish; topics the adapter creates accept it (max.message.bytes)."),
            OptionSpec.optional("producer.linger", OptionType.DURATION, "0ms",
                    "How long the producer waits to fill a batch; publish waits for acks, so more rarely helps."),
            OptionSpec.choice("producer.compression", "none", "Compression of produced batches.",
                    "none", "gzip", "snappy", "lz4", "zstd"),
            OptionSpec.choice("consumer.group.protocol", "auto",
                    "Consumer group protocol: consumer (KIP-848) where the cluster offers it, else classic.",
                    "auto", "classic", "consumer"),
            OptionSpec.optional("consumer.session.timeout", OptionType.DURATION, "10s",
                    "Classic protocol: how long a member that vanished without leaving keeps its partitions."),
            OptionSpec.optional("consumer.heartbeat.interval", OptionType.DURATION, "1s",
                    "Classic protocol: heartbeat period; members notice a rebalance within about this long."),
            OptionSpec.choice("consumer.isolation.level", "read_uncommitted",
                    "Whether to skip records of aborted and open transactions.", "read_uncommitted", "read_committed"),
            OptionSpec.optional("topic.auto.create", OptionType.BOOLEAN, "true",
                    "Create missing topics on first publish, subscribe or initialize."),
            OptionSpec.optional("topic.partitions", OptionType.INTEGER, null,
                    "Partitions of topics the adapter creates; the broker's num.partitions when empty."),
            OptionSpec.optional("topic.replication.factor", OptionType.INTEGER, null,
                    "Replicas of topics the adapter creates; the broker's default.replication.factor when empty."),
            OptionSpec.optional("client.config", OptionType.PATH, null,
                    "A Kafka client properties file merged into every client, for settings not offered here "
                            + "(OAUTHBEARER, Kerberos, ...)."));

    /**
     * Protocol, SASL and TLS settings. {@link #toString()} masks the passwords: these records end up in logs.
     */
    record Security(
            String protocol,
            String saslMechanism,
            String username,
            String password,
            Path truststore,
            String truststorePassword,
            String truststoreType,
            Path keystore,
            String keystorePassword,
            String keyPassword,
            String keystoreType,
            boolean verifyHostname) {

        boolean sasl() {
            return protocol.startsWith("SASL_");
        }

        boolean tls() {
            return protocol.endsWith("SSL");
        }

        void addTo(Map<String, Object> config) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
            if (sasl()) {
                config.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
                config.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig());
            }
            if (tls()) {
                putIfSet(config, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore);
                putIfSet(config, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword);
                config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststoreType);
                putIfSet(config, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore);
                putIfSet(config, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystorePassword);
                putIfSet(config, SslConfigs.SSL_KEY_PASSWORD_CONFIG, keyPassword);
                config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, keystoreType);
                config.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, verifyHostname ? "https" : "");
            }
        }

        private String jaasConfig() {
            String module = saslMechanism.equals("PLAIN")
                    ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            return module + " required username=\"" + jaasQuoted(username) + "\" password=\""
                    + jaasQuoted(password) + "\";";
        }

        /** JAAS values are double-quoted strings; a quote or backslash in a password must not end them early. */
        private static String jaasQuoted(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"");
        }

        private static void putIfSet(Map<String, Object> config, String key, Object value) {
            if (value != null) {
                config.put(key, value.toString());
            }
        }

        @Override
        public String toString() {
            return "Security[protocol=" + protocol + (sasl() ? ", mechanism=" + saslMechanism + ", user=" + username
                    : "") + (tls() ? ", truststore=" + truststore + ", keystore=" + keystore : "") + "]";
        }
    }

    /**
     * Consumer group settings.
     *
     * @param groupProtocol {@code classic}, {@code consumer} (KIP-848), or {@code auto} until the connection has
     *                      asked the cluster which it offers
     */
    record Consumer(String groupProtocol, Duration sessionTimeout, Duration heartbeatInterval, String isolationLevel) {
    }

    /**
     * What happens to topics that do not exist yet.
     *
     * @param autoCreate        create them on first use
     * @param partitions        partition count, or empty for the broker's default
     * @param replicationFactor replica count, or empty for the broker's default
     */
    record Topics(boolean autoCreate, Optional<Integer> partitions, Optional<Short> replicationFactor) {
    }

    /** Checks {@code raw} against {@link #SPECS}; every problem is reported at once as INVALID_OPTIONS. */
    static KafkaOptions parse(Map<String, String> raw) {
        OptionValues values = OptionValues.parse(SPECS, raw);
        List<String> problems = new ArrayList<>();
        Security security = new Security(
                values.string("security.protocol"),
                values.string("sasl.mechanism"),
                values.string("sasl.username"),
                values.string("sasl.password"),
                existingFile(values, "ssl.truststore.location", problems),
                values.string("ssl.truststore.password"),
                values.string("ssl.truststore.type"),
                existingFile(values, "ssl.keystore.location", problems),
                values.string("ssl.keystore.password"),
                values.string("ssl.key.password"),
                values.string("ssl.keystore.type"),
                values.bool("ssl.endpoint.identification"));
        Path clientConfig = existingFile(values, "client.config", problems);
        if (security.sasl() && clientConfig == null && (security.username() == null || security.password() == null)) {
            problems.add("security.protocol " + security.protocol() + " needs sasl.username and sasl.password");
        }
        if (!security.sasl() && security.username() != null) {
            problems.add("sasl.username is set but security.protocol " + security.protocol()
                    + " does not use SASL; choose SASL_PLAINTEXT or SASL_SSL");
        }
        long maxPayload = values.size("max.payload.size");
        if (maxPayload <= 0 || maxPayload > Integer.MAX_VALUE - RECORD_HEADROOM) {
            problems.add("max.payload.size must be between 1 byte and 2 GiB less 64 KiB");
        }
        Optional<Integer> partitions = optionalInt(values, "topic.partitions");
        Optional<Integer> replicas = optionalInt(values, "topic.replication.factor");
        if (partitions.filter(count -> count < 1).isPresent()) {
            problems.add("topic.partitions must be at least 1");
        }
        if (replicas.filter(count -> count < 1 || count > Short.MAX_VALUE).isPresent()) {
            problems.add("topic.replication.factor must be at least 1");
        }
        if (values.duration("consumer.heartbeat.interval").compareTo(values.duration("consumer.session.timeout")) >= 0) {
            problems.add("consumer.heartbeat.interval must be shorter than consumer.session.timeout");
        }
        if (!problems.isEmpty()) {
            throw new ConnectionException(ConnectionException.Reason.INVALID_OPTIONS,
                    "invalid connection options: " + String.join("; ", problems));
        }
        return new KafkaOptions(
                values.string("bootstrap.servers"),
                values.string("client.id"),
                security,
                values.duration("connect.timeout"),
                values.duration("request.timeout"),
                values.duration("publish.timeout"),
                maxPayload,
                values.duration("producer.linger"),
                values.string("producer.compression"),
                new Consumer(values.string("consumer.group.protocol"), values.duration("consumer.session.timeout"),
                        values.duration("consumer.heartbeat.interval"), values.string("consumer.isolation.level")),
                new Topics(values.bool("topic.auto.create"), partitions, replicas.map(Integer::shortValue)),
                clientConfig);
    }

    /** The same options with {@code auto} replaced by the group protocol the cluster offers. */
    KafkaOptions withGroupProtocol(String protocol) {
        return new KafkaOptions(bootstrapServers, clientId, security, connectTimeout, requestTimeout, publishTimeout,
                maxPayloadBytes, linger, compression, new Consumer(protocol, consumer.sessionTimeout(),
                consumer.heartbeatInterval(), consumer.isolationLevel()), topics, clientConfig);
    }

    /** The largest record (payload plus headroom) producers send and created topics accept. */
    int maxRecordBytes() {
        return Math.toIntExact(maxPayloadBytes + RECORD_HEADROOM);
    }

    Map<String, Object> adminConfig(String clientIdSuffix) {
        Map<String, Object> config = common(clientIdSuffix);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(requestTimeout));
        return withFileAndEssentials(config, Map.of());
    }

    /** An idempotent producer that waits for every in-sync replica: publish returns only once the broker has it. */
    Map<String, Object> producerConfig(String clientIdSuffix) {
        Map<String, Object> config = common(clientIdSuffix);
        config.put(ProducerConfig.LINGER_MS_CONFIG, millis(linger));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        // Kafka refuses a delivery timeout shorter than linger plus one request.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Math.max(millis(publishTimeout), millis(linger) + millis(requestTimeout)));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(requestTimeout));
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes());
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L << 20, 2L * maxRecordBytes()));
        Map<String, Object> essentials = new HashMap<>();
        essentials.put(ProducerConfig.ACKS_CONFIG, "all");
        essentials.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        essentials.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        essentials.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return withFileAndEssentials(config, essentials);
    }

    /**
     * A consumer of {@code groupId} (or of no group, for peeking) that never commits by itself: offsets are
     * committed only for acked messages. A group without committed offsets starts at the oldest message, as in
     * Watermill, so that messages published before the first subscribe are not lost.
     */
    Map<String, Object> consumerConfig(String clientIdSuffix, String groupId) {
        if (consumer.groupProtocol().equals("auto")) {
            throw new IllegalStateException("the group protocol is decided when connecting; use the connection's options");
        }
        Map<String, Object> config = common(clientIdSuffix);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, consumer.isolationLevel());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(requestTimeout));
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, consumer.groupProtocol());
        if (consumer.groupProtocol().equals("classic")) {
            // Cooperative rebalancing: members keep the partitions that do not move while others join or leave.
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, millis(consumer.sessionTimeout()));
            config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, millis(consumer.heartbeatInterval()));
        }
        Map<String, Object> essentials = new HashMap<>();
        if (groupId != null) {
            essentials.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        essentials.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        essentials.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        essentials.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        essentials.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        essentials.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return withFileAndEssentials(config, essentials);
    }

    private Map<String, Object> common(String clientIdSuffix) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId + "-" + clientIdSuffix);
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis(requestTimeout));
        security.addTo(config);
        return config;
    }

    /**
     * Lays the client properties file over the adapter's settings (so it can replace the security settings, say),
     * then the settings the adapter's guarantees depend on over both.
     */
    private Map<String, Object> withFileAndEssentials(Map<String, Object> config, Map<String, Object> essentials) {
        if (clientConfig != null) {
            Properties file = new Properties();
            try (InputStream in = Files.newInputStream(clientConfig)) {
                file.load(in);
            } catch (IOException e) {
                throw new ConnectionException(ConnectionException.Reason.INVALID_OPTIONS,
                        "cannot read client.config " + clientConfig + ": " + e.getMessage(), e);
            }
            file.stringPropertyNames().forEach(name -> config.put(name, file.getProperty(name)));
        }
        config.putAll(essentials);
        return config;
    }

    private static Path existingFile(OptionValues values, String name, List<String> problems) {
        if (!values.has(name)) {
            return null;
        }
        Path path = Path.of(values.string(name));
        if (!Files.isReadable(path)) {
            problems.add(name + " " + path + " is not a readable file");
        }
        return path;
    }

    private static Optional<Integer> optionalInt(OptionValues values, String name) {
        return values.has(name) ? Optional.of(values.integer(name)) : Optional.empty();
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
