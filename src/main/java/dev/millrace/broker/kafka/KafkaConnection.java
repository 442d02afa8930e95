package dev.millrace.broker.kafka;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.OpenResources;
import dev.millrace.message.ConnectionException;
import dev.millrace.message.ConnectionException.Reason;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Publisher;
import dev.millrace.message.Subscriber;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeFeaturesOptions;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one Kafka cluster: the admin client every part shares, the factory of producers and consumers, and
 * the creation of missing topics. {@link #open} checks eagerly that the cluster answers and accepts the credentials,
 * so that a wrong address, port or password fails at once with a reason instead of later in a background thread.
 */
final class KafkaConnection implements BrokerConnection {
    private static final Logger log = LoggerFactory.getLogger(KafkaConnection.class);
    /** Client ids must be unique within a JVM (Kafka registers metrics under them), across connections too. */
    private static final AtomicLong CLIENTS = new AtomicLong();
    private static final Duration LEADER_POLL = Duration.ofMillis(25);
    private static final Duration MIN_FEATURE_WAIT = Duration.ofMillis(500);
    private static final String GROUP_VERSION_FEATURE = "group.version";
    /** TLS alerts a broker sends when the client certificate is missing or not trusted. */
    private static final List<String> CLIENT_CERTIFICATE_ALERTS = List.of("certificate_required",
            "bad_certificate", "unsupported_certificate", "certificate_unknown", "unknown_ca", "certificate_expired",
            "certificate_revoked");

    private final KafkaBrokerAdapter adapter;
    private final KafkaOptions options;
    private final Admin admin;
    private final Capabilities capabilities;
    private final KafkaAdmin browser;
    private final Map<String, CompletableFuture<Void>> topicsReady = new ConcurrentHashMap<>();
    private final OpenResources open;

    private KafkaConnection(KafkaBrokerAdapter adapter, KafkaOptions options, Admin admin) {
        this.adapter = adapter;
        this.options = options;
        this.admin = admin;
        this.capabilities = KafkaBrokerAdapter.capabilities(options.maxPayloadBytes());
        this.browser = new KafkaAdmin(this);
        this.open = new OpenResources("Kafka at " + options.bootstrapServers());
    }

    /**
     * Reaches a bootstrap server, asks the cluster to describe itself and settles the group protocol, all within the
     * connect timeout.
     */
    static KafkaConnection open(KafkaBrokerAdapter adapter, KafkaOptions options) {
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        probe(options, deadline);
        Admin admin;
        try {
            admin = Admin.create(options.adminConfig(nextClientSuffix("admin")));
        } catch (KafkaException e) {
            throw new ConnectionException(Reason.INVALID_OPTIONS,
                    "the Kafka client rejected the options: " + rootMessage(e), e);
        }
        try {
            describeCluster(admin, options, deadline);
            KafkaOptions settled = options.consumer().groupProtocol().equals("auto")
                    ? options.withGroupProtocol(groupProtocol(admin, deadline)) : options;
            return new KafkaConnection(adapter, settled, admin);
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * The consumer group protocol (KIP-848) where the cluster has it enabled (finalized {@code group.version} 1 or
     * more, the default from Kafka 4.0), else the classic one. The new protocol has no join barrier: a member that
     * closes while joining cannot hold the group up until its session expires, as it can in the classic one, and
     * subscriptions come and go often in a workbench.
     */
    private static String groupProtocol(Admin admin, long deadline) {
        long remainingMillis = Math.max(MIN_FEATURE_WAIT.toMillis(),
                TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            FinalizedVersionRange group = admin.describeFeatures(new DescribeFeaturesOptions()
                            .timeoutMs((int) remainingMillis)).featureMetadata()
                    .get(remainingMillis, TimeUnit.MILLISECONDS).finalizedFeatures().get(GROUP_VERSION_FEATURE);
            return group != null && group.maxVersionLevel() >= 1 ? "consumer" : "classic";
        } catch (ExecutionException | TimeoutException e) {
            log.debug("cannot read the cluster's features; using the classic consumer group protocol: {}",
                    e.toString());
            return "classic";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException(Reason.OTHER, "interrupted while connecting to Kafka", e);
        }
    }

    @Override
    public BrokerAdapter adapter() {
        return adapter;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public Publisher newPublisher() {
        open.ensureOpen();
        return open.add(new KafkaPublisher(this));
    }

    @Override
    public Subscriber newSubscriber() {
        open.ensureOpen();
        return open.add(new KafkaSubscriber(this));
    }

    @Override
    public BrokerAdmin admin() {
        open.ensureOpen();
        return browser;
    }

    /** Closes every publisher and subscriber of this connection at once, then the admin client. */
    @Override
    public void close() {
        if (!open.closeAllConcurrently()) {
            return;
        }
        admin.close(options.requestTimeout());
    }

    KafkaOptions options() {
        return options;
    }

    Admin adminClient() {
        return admin;
    }

    KafkaProducer<byte[], byte[]> newProducer() {
        return new KafkaProducer<>(options.producerConfig(nextClientSuffix("producer")));
    }

    /** A consumer of {@code group}, or of no group for reading without committing (peek). */
    KafkaConsumer<byte[], byte[]> newConsumer(String group) {
        return new KafkaConsumer<>(options.consumerConfig(nextClientSuffix("consumer"), group));
    }

    void forget(AutoCloseable resource) {
        open.remove(resource);
    }

    /**
     * Creates {@code topic} with the configured partitions and replicas unless it exists, and waits until every
     * partition's leader serves it; once per connection and topic, however many threads ask at once. Created topics
     * accept records up to the payload limit plus headroom, whatever the broker's default {@code message.max.bytes}.
     */
    void ensureTopic(String topic) {
        if (!options.topics().autoCreate()) {
            return;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> existing = topicsReady.putIfAbsent(topic, mine);
        if (existing == null) {
            try {
                createTopic(topic);
                awaitLeaders(topic);
                mine.complete(null);
            } catch (RuntimeException e) {
                topicsReady.remove(topic, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return;
        }
        try {
            existing.get(options.requestTimeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new MessagingException(rootMessage(e), e.getCause());
        } catch (TimeoutException e) {
            throw new MessagingException("topic '" + topic + "' was not ready within "
                    + options.requestTimeout().multipliedBy(2).toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while creating topic '" + topic + "'", e);
        }
    }

    private void createTopic(String topic) {
        NewTopic newTopic = new NewTopic(topic, options.topics().partitions(), options.topics().replicationFactor())
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(options.maxRecordBytes())));
        try {
            await(admin.createTopics(List.of(newTopic)).all(), "creating topic '" + topic + "'");
        } catch (MessagingException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * Waits until each partition's leader answers a ListOffsets request, which it does only once it has taken up
     * the partition. Producing earlier lets an idempotent producer's first request fail with NOT_LEADER_OR_FOLLOWER
     * while a later one is appended, after which the first can never be (KAFKA-15591): its publish would hang until
     * publish.timeout and fail. The adapter creates topics and produces at once, exactly that case.
     */
    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + options.requestTimeout().toNanos();
        while (true) {
            try {
                offsets(partitions(topic), OffsetSpec.latest());
                return;
            } catch (MessagingException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(LEADER_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessagingException("interrupted while waiting for the leaders of '" + topic + "'", e);
            }
        }
    }

    /** The partitions of an existing topic, or a MessagingException saying it does not exist. */
    List<TopicPartition> partitions(String topic) {
        TopicDescription description = await(admin.describeTopics(List.of(topic)).allTopicNames(),
                "describing topic '" + topic + "'").get(topic);
        return description.partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /** The offsets {@code spec} names for each partition (earliest, latest, at a time). */
    Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        await(admin.listOffsets(request).all(), "listing offsets")
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /**
     * Deletes a consumer group nobody else uses (the unique group of a subscription without one), without waiting:
     * otherwise every live view would leave a group behind on the cluster.
     */
    void deleteGroupQuietly(String group) {
        if (open.isClosed()) {
            return;
        }
        try {
            admin.deleteConsumerGroups(List.of(group)).all().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    log.debug("could not delete consumer group {}: {}", group, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            log.debug("could not delete consumer group {}: {}", group, e.toString());
        }
    }

    /** Waits for an admin result within the request timeout, turning failures into MessagingExceptions. */
    <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new MessagingException(what + " failed: the topic does not exist", e.getCause());
            }
            throw new MessagingException(what + " failed: " + rootMessage(e), e.getCause());
        } catch (TimeoutException e) {
            throw new MessagingException(what + " got no answer within " + options.requestTimeout().toSeconds()
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while " + what, e);
        }
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while ((root instanceof ExecutionException || root.getMessage() == null) && root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String nextClientSuffix(String role) {
        return role + "-" + CLIENTS.incrementAndGet();
    }

    /**
     * Opens a TCP connection to the bootstrap servers until one answers. Kafka's own clients retry an unreachable
     * address forever in the background; this tells "nothing listens there" from "no route / no answer" at once.
     */
    private static void probe(KafkaOptions options, long deadline) {
        List<String> servers = List.of(options.bootstrapServers().split(",")).stream()
                .map(String::trim).filter(server -> !server.isEmpty()).toList();
        List<String> failures = new ArrayList<>();
        boolean allRefused = true;
        for (int i = 0; i < servers.size(); i++) {
            String server = servers.get(i);
            InetSocketAddress address = address(server);
            long share = Math.max(1, (deadline - System.nanoTime()) / (servers.size() - i));
            try (Socket socket = new Socket()) {
                socket.connect(address, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(share)));
                return;
            } catch (UnknownHostException e) {
                failures.add(server + ": unknown host");
                allRefused = false;
            } catch (SocketTimeoutException e) {
                failures.add(server + ": no answer within " + TimeUnit.NANOSECONDS.toMillis(share) + " ms");
                allRefused = false;
            } catch (ConnectException e) {
                boolean refused = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("refused");
                failures.add(server + (refused ? ": connection refused (nothing listens on that port)"
                        : ": " + e.getMessage()));
                allRefused &= refused;
            } catch (IOException e) {
                failures.add(server + ": " + e.getMessage());
                allRefused = false;
            }
        }
        throw new ConnectionException(allRefused ? Reason.REFUSED : Reason.UNREACHABLE,
                "cannot reach Kafka at " + String.join("; ", failures));
    }

    private static InetSocketAddress address(String server) {
        int colon = server.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(server.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new ConnectionException(Reason.INVALID_OPTIONS,
                    "bootstrap.servers entry '" + server + "' is not host:port");
        }
        if (colon <= 0 || port <= 0 || port > 65_535) {
            throw new ConnectionException(Reason.INVALID_OPTIONS,
                    "bootstrap.servers entry '" + server + "' is not host:port");
        }
        String host = server.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, port);
    }

    /** The first real Kafka request: it fails on wrong credentials, a TLS mismatch or a listener of another kind. */
    private static void describeCluster(Admin admin, KafkaOptions options, long deadline) {
        long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        DescribeClusterResult cluster = admin.describeCluster(
                new DescribeClusterOptions().timeoutMs((int) remainingMillis));
        try {
            Collection<Node> nodes = cluster.nodes().get(remainingMillis + 500, TimeUnit.MILLISECONDS);
            log.debug("connected to Kafka cluster {} at {}: {} broker(s)",
                    cluster.clusterId().get(remainingMillis, TimeUnit.MILLISECONDS), options.bootstrapServers(),
                    nodes.size());
        } catch (ExecutionException e) {
            throw describeFailure(e.getCause(), options);
        } catch (TimeoutException e) {
            throw noAnswer(options, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException(Reason.OTHER, "interrupted while connecting to Kafka", e);
        }
    }

    private static ConnectionException describeFailure(Throwable cause, KafkaOptions options) {
        if (cause instanceof SslAuthenticationException) {
            String detail = innermostMessage(cause);
            return new ConnectionException(Reason.AUTHENTICATION, "the TLS handshake with Kafka at "
                    + options.bootstrapServers() + " failed: " + detail + clientCertificateHint(detail, options),
                    cause);
        }
        if (cause instanceof AuthenticationException) {
            return new ConnectionException(Reason.AUTHENTICATION, "Kafka at " + options.bootstrapServers()
                    + " rejected the credentials of user '" + options.security().username() + "' ("
                    + options.security().saslMechanism() + "): " + rootMessage(cause), cause);
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return noAnswer(options, cause);
        }
        return new ConnectionException(Reason.OTHER, "connecting to Kafka at " + options.bootstrapServers()
                + " failed: " + rootMessage(cause), cause);
    }

    /**
     * What TLS itself said: Kafka wraps it in messages such as "Failed to process post-handshake messages", which is
     * all a broker's rejection of the client certificate shows at the outer level under TLS 1.3.
     */
    private static String innermostMessage(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause().getMessage() != null) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
    }

    /** Says which option to look at when the broker (a fatal alert it sent) refused the client certificate. */
    private static String clientCertificateHint(String detail, KafkaOptions options) {
        boolean refused = CLIENT_CERTIFICATE_ALERTS.stream()
                .anyMatch(alert -> detail.contains("Received fatal alert: " + alert));
        if (!refused) {
            return "";
        }
        return options.security().keystore() == null
                ? "; the broker requires a client certificate (mutual TLS): set ssl.keystore.location"
                : "; the broker accepts no certificate in ssl.keystore.location " + options.security().keystore()
                        + " (it must be signed by a CA the broker trusts)";
    }

    private static ConnectionException noAnswer(KafkaOptions options, Throwable cause) {
        return new ConnectionException(Reason.TIMEOUT, "a server answers at " + options.bootstrapServers()
                + " but no Kafka reply came within " + options.connectTimeout().toMillis() + " ms; does "
                + "security.protocol " + options.security().protocol() + " match that listener?", cause);
    }
}
