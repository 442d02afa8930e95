package dev.millrace.compare;

import dev.millrace.testing.Executables;
import dev.millrace.testing.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * The real brokers of the comparison tests, each of this test run's own on free loopback ports (never the machine's
 * services on 4222 and 5672), started on first use and stopped when the JVM exits: Kafka in-process (KRaft),
 * {@code nats-server -js} and {@code rabbitmq-server} as processes. A missing binary fails with what to install.
 *
 * <p>The adapters' own test harnesses do the same with more (TLS, SASL, restarts) but are private to their packages.
 */
final class LocalBrokers {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String LOOPBACK = "127.0.0.1";

    private static Map<String, String> kafka;
    private static Map<String, String> nats;
    private static Map<String, String> rabbitMq;

    private LocalBrokers() {
    }

    /** Options of the {@code kafka} adapter for an in-process single-node Kafka. */
    static synchronized Map<String, String> kafka() {
        if (kafka == null) {
            kafka = Map.of("bootstrap.servers", startKafka());
        }
        return kafka;
    }

    /** Options of the {@code nats} and {@code jetstream} adapters for a nats-server with JetStream. */
    static synchronized Map<String, String> nats() {
        if (nats == null) {
            nats = Map.of("servers", startNats());
        }
        return nats;
    }

    /** Options of the {@code amqp} adapter for a RabbitMQ node. */
    static synchronized Map<String, String> rabbitMq() {
        if (rabbitMq == null) {
            rabbitMq = Map.of("host", LOOPBACK, "port", Integer.toString(startRabbitMq()));
        }
        return rabbitMq;
    }

    private static String startKafka() {
        Path logs = temporaryDirectory("millrace-compare-kafka-");
        int port = FreePorts.next();
        int controller = FreePorts.next();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + LOOPBACK + ":" + controller);
        props.put("listeners", "PLAINTEXT://" + LOOPBACK + ":" + port + ",CONTROLLER://" + LOOPBACK + ":" + controller);
        props.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logs.toString());
        // One node: every internal topic with one replica, and few partitions so that start-up stays quick.
        for (String key : List.of("offsets.topic.replication.factor", "offsets.topic.num.partitions",
                "transaction.state.log.replication.factor", "transaction.state.log.min.isr",
                "transaction.state.log.num.partitions", "share.coordinator.state.topic.replication.factor",
                "share.coordinator.state.topic.min.isr", "default.replication.factor", "min.insync.replicas",
                "num.partitions")) {
            props.put(key, "1");
        }
        props.put("group.initial.rebalance.delay.ms", "0");
        Path file = logs.resolveSibling(logs.getFileName() + ".properties");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            try (var out = Files.newOutputStream(file)) {
                props.store(out, "millrace comparison test broker");
            }
            status = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                "-c", file.toString()}, print);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format the Kafka log directory", e);
        }
        if (status != 0) {
            throw new IllegalStateException("formatting the Kafka log directory failed: "
                    + output.toString(StandardCharsets.UTF_8));
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            delete(logs);
        }, "millrace-compare-kafka-stop"));
        return LOOPBACK + ":" + port;
    }

    private static String startNats() {
        Path directory = temporaryDirectory("millrace-compare-nats-");
        int port = FreePorts.next();
        Path binary = Executables.require("nats-server", "apt-get install -y nats-server");
        Process process = start(new ProcessBuilder(binary.toString(), "-js", "-a", LOOPBACK, "-p",
                Integer.toString(port), "-sd", directory.resolve("store").toString()), directory);
        awaitPort(port, process, directory.resolve("server.log"));
        return "nats://" + LOOPBACK + ":" + port;
    }

    /**
     * A node of its own: its configuration, data, logs and Erlang cookie in a temporary directory. Debian's
     * {@code /usr/sbin/rabbitmq-server} switches to the rabbitmq user and its files when run as root, so the script
     * in RabbitMQ's own directory is used where it exists.
     */
    private static int startRabbitMq() {
        Path directory = temporaryDirectory("millrace-compare-rabbitmq-");
        int port = FreePorts.next();
        try {
            Files.createDirectories(directory.resolve("home"));
            Path cookie = directory.resolve("home/.erlang.cookie");
            Files.writeString(cookie, "MILLRACE" + UUID.randomUUID().toString().replace("-", "").toUpperCase());
            Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
            Files.writeString(directory.resolve("rabbitmq-env.conf"), "");
            Files.writeString(directory.resolve("enabled_plugins"), "[].\n");
            Files.writeString(directory.resolve("rabbitmq.conf"), "listeners.tcp.default = " + LOOPBACK + ":" + port
                    + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the RabbitMQ node", e);
        }
        Path onPath = Executables.require("rabbitmq-server", "apt-get install -y rabbitmq-server");
        Path real = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
        ProcessBuilder builder = new ProcessBuilder((Files.isExecutable(real) ? real : onPath).toString());
        Map<String, String> environment = builder.environment();
        environment.put("HOME", directory.resolve("home").toString());
        environment.put("RABBITMQ_NODENAME", "millrace-compare-" + port + "@localhost");
        environment.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        environment.put("RABBITMQ_DIST_PORT", Integer.toString(FreePorts.next()));
        environment.put("RABBITMQ_MNESIA_BASE", directory.resolve("data").toString());
        environment.put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
        environment.put("RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString());
        environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString());
        environment.put("RABBITMQ_PID_FILE", directory.resolve("rabbitmq.pid").toString());
        environment.put("RABBITMQ_CONF_ENV_FILE", directory.resolve("rabbitmq-env.conf").toString());
        environment.put("ERL_EPMD_ADDRESS", LOOPBACK);
        Process process = start(builder, directory);
        awaitPort(port, process, directory.resolve("server.log"));
        return port;
    }

    private static Process start(ProcessBuilder builder, Path directory) {
        try {
            Process process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                delete(directory);
            }, "millrace-compare-broker-stop"));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
    }

    private static void awaitPort(int port, Process process, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.info().command().orElse("broker") + " exited: " + read(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("no broker on port " + port + " after " + START_TIMEOUT.toSeconds() + " s: "
                + read(log));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a broker", e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
