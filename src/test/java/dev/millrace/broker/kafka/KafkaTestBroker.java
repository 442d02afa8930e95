package dev.millrace.broker.kafka;

import dev.millrace.testing.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka (KRaft, broker and controller in one) running inside the test JVM, with a plain listener, a
 * SASL listener (PLAIN and SCRAM users), a TLS listener, a TLS listener that requires a client certificate and a
 * controller listener on free loopback ports. It can be stopped and started again on the same ports and log
 * directory, which the reconnect case needs.
 *
 * <p>One instance is shared by every Kafka test class of a run ({@link #shared()}): starting one takes about a
 * second, and topic names carry random ids, so tests never share state through it.
 */
final class KafkaTestBroker {
    static final String PLAIN_USER = "alice";
    static final String PLAIN_PASSWORD = "alice-secret";
    static final String SCRAM_USER = "bob";
    static final String SCRAM_PASSWORD = "bob-secret";

    /** Password of every key store here, and of the keys in them. */
    static final String KEY_STORE_PASSWORD = "test-store-password";
    private static KafkaTestBroker shared;

    private final Path logDir;
    private final int plainPort = FreePorts.next();
    private final int saslPort = FreePorts.next();
    private final int sslPort = FreePorts.next();
    private final int mutualTlsPort = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private final Path keyStore;
    private final Path trustedCertificate;
    private final Path clientKeyStore;
    private final Path clientCertificate;
    private final KafkaConfig config;
    private KafkaRaftServer server;

    private KafkaTestBroker() throws IOException {
        logDir = Files.createTempDirectory("millrace-kafka-");
        Path tls = Files.createTempDirectory("millrace-kafka-tls-");
        keyStore = tls.resolve("broker.p12");
        trustedCertificate = tls.resolve("broker.pem");
        clientKeyStore = tls.resolve("client.p12");
        clientCertificate = tls.resolve("client.pem");
        createCertificates();
        config = KafkaConfig.fromProps(properties());
        format();
    }

    /** The broker of this test run, started on first use and stopped when the JVM exits. */
    static synchronized KafkaTestBroker shared() {
        if (shared == null) {
            try {
                shared = new KafkaTestBroker();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the Kafka test broker", e);
            }
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::destroy, "kafka-test-broker-shutdown"));
        }
        return shared;
    }

    /** {@code host:port} of the PLAINTEXT listener. */
    String bootstrapServers() {
        return "127.0.0.1:" + plainPort;
    }

    /** {@code host:port} of the SASL_PLAINTEXT listener (mechanisms PLAIN, SCRAM-SHA-256, SCRAM-SHA-512). */
    String saslBootstrapServers() {
        return "127.0.0.1:" + saslPort;
    }

    /** {@code host:port} of the SSL listener; its certificate is {@link #trustedCertificate()}. */
    String sslBootstrapServers() {
        return "127.0.0.1:" + sslPort;
    }

    /**
     * {@code host:port} of the SSL listener with {@code ssl.client.auth=required}: its certificate is
     * {@link #trustedCertificate()}, and it accepts the client certificate in {@link #clientKeyStore()} only.
     */
    String mutualTlsBootstrapServers() {
        return "127.0.0.1:" + mutualTlsPort;
    }

    /** The broker's self-signed certificate as a PEM file, to use as a client trust store of type PEM. */
    Path trustedCertificate() {
        return trustedCertificate;
    }

    /**
     * A PKCS12 key store (password {@link #KEY_STORE_PASSWORD}) with the self-signed client certificate that the
     * mutual TLS listener trusts.
     */
    Path clientKeyStore() {
        return clientKeyStore;
    }

    /**
     * The broker's own PKCS12 key store (password {@link #KEY_STORE_PASSWORD}): as a client's key store, it holds a
     * certificate that the mutual TLS listener does not trust.
     */
    Path brokerKeyStore() {
        return keyStore;
    }

    /** Adapter options for the plain listener. */
    Map<String, String> options() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
    }

    synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** Stops the broker and starts it again on the same ports and log directory; clients must reconnect. */
    synchronized void restart() {
        stop();
        start();
    }

    private void destroy() {
        try {
            stop();
        } finally {
            for (Path directory : List.of(logDir, keyStore.getParent())) {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    // Only a temporary directory is left behind.
                }
            }
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + plainPort + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
                + ",SSL://127.0.0.1:" + sslPort + ",MTLS://127.0.0.1:" + mutualTlsPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + plainPort
                + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort + ",SSL://127.0.0.1:" + sslPort
                + ",MTLS://127.0.0.1:" + mutualTlsPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,MTLS:SSL,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic with one replica, and few partitions so that start-up stays quick.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // The adapter creates the topics it needs itself; a broker that would do it behind its back hides bugs.
        props.put("auto.create.topics.enable", "false");
        props.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
        props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + PLAIN_USER + "=\""
                        + PLAIN_PASSWORD + "\";");
        props.put("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put("listener.name.ssl.ssl.keystore.location", keyStore.toString());
        props.put("listener.name.ssl.ssl.keystore.password", KEY_STORE_PASSWORD);
        props.put("listener.name.ssl.ssl.keystore.type", "PKCS12");
        props.put("listener.name.mtls.ssl.keystore.location", keyStore.toString());
        props.put("listener.name.mtls.ssl.keystore.password", KEY_STORE_PASSWORD);
        props.put("listener.name.mtls.ssl.keystore.type", "PKCS12");
        props.put("listener.name.mtls.ssl.client.auth", "required");
        props.put("listener.name.mtls.ssl.truststore.location", clientCertificate.toString());
        props.put("listener.name.mtls.ssl.truststore.type", "PEM");
        return props;
    }

    /**
     * Self-signed certificates made by the JDK's keytool, each in a PKCS12 key store and alone as PEM (Kafka accepts
     * PEM trust stores): the broker's for 127.0.0.1, and a client's that the mutual TLS listener trusts. The two
     * keytool runs are independent, so they run side by side.
     */
    private void createCertificates() throws IOException {
        Process broker = keytool(keyStore, "broker", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        Process client = keytool(clientKeyStore, "client", "CN=millrace-kafka-client", "KeyUsage=digitalSignature");
        exportCertificate(broker, keyStore, "broker", trustedCertificate);
        exportCertificate(client, clientKeyStore, "client", clientCertificate);
    }

    private static Process keytool(Path store, String alias, String name, String extension) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        return new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", name, "-ext", extension, "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", KEY_STORE_PASSWORD, "-keypass", KEY_STORE_PASSWORD)
                .redirectErrorStream(true).start();
    }

    /** Waits for {@code keytool} to create {@code store}, then writes the certificate of {@code alias} as PEM. */
    private static void exportCertificate(Process keytool, Path store, String alias, Path pemFile) throws IOException {
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool could not create the test certificate " + alias + ": "
                        + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, KEY_STORE_PASSWORD.toCharArray());
            }
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(keys.getCertificate(alias).getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Files.writeString(pemFile, pem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the test certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the test certificate", e);
        }
    }

    /** Formats the log directory, storing the SCRAM users in the initial metadata. */
    private void format() throws IOException {
        Path file = logDir.resolveSibling(logDir.getFileName() + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            properties().store(out, "millrace Kafka test broker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                "-c", file.toString(),
                "--add-scram", "SCRAM-SHA-256=[name=" + SCRAM_USER + ",password=" + SCRAM_PASSWORD + "]",
                "--add-scram", "SCRAM-SHA-512=[name=" + SCRAM_USER + ",password=" + SCRAM_PASSWORD + "]"}, print);
        } finally {
            Files.deleteIfExists(file);
        }
        if (status != 0) {
            throw new IllegalStateException("formatting the Kafka log directory failed: "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }
}
