package dev.millrace.broker.amqp;

import dev.millrace.testing.Executables;
import dev.millrace.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RabbitMQ node of the tests' own: {@code rabbitmq-server} started as a process on free loopback ports, with its
 * data, logs, configuration, plugins file and Erlang cookie in a temporary directory, the management plugin
 * enabled, and a TLS listener. One node serves every test class of a run ({@link #shared()}); classes keep apart
 * with a virtual host each. It is killed when the JVM exits.
 *
 * <p>The machine may run its own RabbitMQ on 5672: this node never uses that one's ports, node name or cookie.
 */
final class RabbitMqServer {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String LOOPBACK = "127.0.0.1";
    /** The default user; RabbitMQ lets it in from loopback addresses only, which is all the tests use. */
    static final String GUEST = "guest";

    private static RabbitMqServer shared;

    private final Path directory;
    private final Path script;
    private final String nodeName;
    private final int amqpPort = FreePorts.next();
    private final int tlsPort = FreePorts.next();
    private final int managementPort = FreePorts.next();
    private final int distributionPort = FreePorts.next();
    private final TlsMaterial tls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private RabbitMqServer(Path directory, TlsMaterial tls) {
        this.directory = directory;
        this.tls = tls;
        this.script = serverScript();
        this.nodeName = "millrace-test-" + amqpPort + "@localhost";
    }

    /** The node of this test run, started on first use. */
    static synchronized RabbitMqServer shared() {
        if (shared == null) {
            try {
                Path directory = Files.createTempDirectory("millrace-rabbitmq-");
                RabbitMqServer server = new RabbitMqServer(directory, TlsMaterial.create(directory));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.kill();
                    server.deleteDirectory();
                }, "millrace-rabbitmq-kill"));
                server.configure();
                server.start();
                shared = server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set up the RabbitMQ test node", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot make the TLS certificates of the RabbitMQ test node", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting RabbitMQ", e);
            }
        }
        return shared;
    }

    int amqpPort() {
        return amqpPort;
    }

    int tlsPort() {
        return tlsPort;
    }

    int managementPort() {
        return managementPort;
    }

    TlsMaterial tls() {
        return tls;
    }

    /** Adapter options reaching {@code virtualHost} as guest. */
    Map<String, String> options(String virtualHost) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(AmqpSettings.HOST, LOOPBACK);
        options.put(AmqpSettings.PORT, String.valueOf(amqpPort));
        options.put(AmqpSettings.VHOST, virtualHost);
        options.put(AmqpSettings.MANAGEMENT_URL, "http://" + LOOPBACK + ":" + managementPort + "/");
        return options;
    }

    /** A fresh virtual host that guest may use fully. */
    String newVirtualHost(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        managementPut("vhosts/" + ManagementApi.pathSegment(name), "{}");
        grant(name, GUEST);
        return name;
    }

    void deleteVirtualHost(String name) {
        management("DELETE", "vhosts/" + ManagementApi.pathSegment(name), null);
    }

    /** A user with a password and no tags (so no management UI access), with full permissions on {@code vhost}. */
    void createUser(String user, String password, String virtualHost) {
        managementPut("users/" + ManagementApi.pathSegment(user),
                "{\"password\":\"" + password + "\",\"tags\":\"\"}");
        grant(virtualHost, user);
    }

    /** A user that can only log in with a client certificate (SASL EXTERNAL): it has no password. */
    void createCertificateUser(String user, String virtualHost) {
        managementPut("users/" + ManagementApi.pathSegment(user), "{\"password_hash\":\"\",\"tags\":\"\"}");
        grant(virtualHost, user);
    }

    /** Stops the node gracefully and starts it again on the same ports and data; one restart at a time. */
    synchronized void restart() {
        try {
            stop();
            start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the RabbitMQ test node", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting RabbitMQ", e);
        }
    }

    private void configure() throws IOException {
        Files.createDirectories(directory.resolve("home"));
        Files.createDirectories(directory.resolve("data"));
        Files.createDirectories(directory.resolve("log"));
        Path cookie = directory.resolve("home/.erlang.cookie");
        Files.writeString(cookie, "MILLRACE" + UUID.randomUUID().toString().replace("-", "").toUpperCase());
        Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
        Files.writeString(directory.resolve("rabbitmq-env.conf"), "");
        // What `rabbitmq-plugins --offline enable` writes, without starting an Erlang VM for it.
        Files.writeString(directory.resolve("enabled_plugins"),
                "[rabbitmq_management,rabbitmq_auth_mechanism_ssl].\n");
        Files.writeString(directory.resolve("rabbitmq.conf"), String.join("\n",
                "listeners.tcp.default = " + LOOPBACK + ":" + amqpPort,
                "listeners.ssl.default = " + LOOPBACK + ":" + tlsPort,
                "ssl_options.cacertfile = " + tls.trustedByBroker(),
                "ssl_options.certfile = " + tls.brokerCertificate(),
                "ssl_options.keyfile = " + tls.brokerKey(),
                "ssl_options.verify = verify_peer",
                "ssl_options.fail_if_no_peer_cert = false",
                "auth_mechanisms.1 = PLAIN",
                "auth_mechanisms.2 = AMQPLAIN",
                "auth_mechanisms.3 = EXTERNAL",
                "ssl_cert_login_from = common_name",
                "management.tcp.ip = " + LOOPBACK,
                "management.tcp.port = " + managementPort,
                // Queue depths reach the management API within a second instead of five.
                "collect_statistics_interval = 1000",
                ""));
    }

    private void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(script.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("log/console.log").toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("HOME", directory.resolve("home").toString());
        environment.put("RABBITMQ_NODENAME", nodeName);
        environment.put("RABBITMQ_NODE_PORT", String.valueOf(amqpPort));
        environment.put("RABBITMQ_DIST_PORT", String.valueOf(distributionPort));
        environment.put("RABBITMQ_MNESIA_BASE", directory.resolve("data").toString());
        environment.put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
        environment.put("RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString());
        environment.put("RABBITMQ_ADVANCED_CONFIG_FILE", directory.resolve("advanced.config").toString());
        environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString());
        environment.put("RABBITMQ_PID_FILE", directory.resolve("rabbitmq.pid").toString());
        // Keeps the system's /etc/rabbitmq/rabbitmq-env.conf (which names the system node) out of this node.
        environment.put("RABBITMQ_CONF_ENV_FILE", directory.resolve("rabbitmq-env.conf").toString());
        environment.put("ERL_EPMD_ADDRESS", LOOPBACK);
        long started = System.nanoTime();
        process = builder.start();
        awaitReady();
        LOG.info("RabbitMQ test node {} ready in {} ms (AMQP {}, TLS {}, management {}, data in {})", nodeName,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), amqpPort, tlsPort, managementPort,
                directory);
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!(acceptsConnections(amqpPort) && managementAnswers())) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rabbitmq-server exited with " + process.exitValue()
                        + " while starting; its output ends with:\n" + consoleTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("RabbitMQ did not answer within " + START_TIMEOUT.toSeconds()
                        + " s; its output ends with:\n" + consoleTail());
            }
            Thread.sleep(100);
        }
    }

    private void stop() throws InterruptedException {
        long started = System.nanoTime();
        // SIGTERM: the node shuts down cleanly, as `rabbitmqctl stop` would have it, without a second Erlang VM.
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            LOG.warn("RabbitMQ test node did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
            kill();
        }
        LOG.info("RabbitMQ test node stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void kill() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
            try {
                running.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", directory, e.toString());
        }
    }

    private boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean managementAnswers() throws InterruptedException {
        try {
            return http.send(request("overview").GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private void grant(String virtualHost, String user) {
        managementPut("permissions/" + ManagementApi.pathSegment(virtualHost) + "/" + ManagementApi.pathSegment(user),
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
    }

    private void managementPut(String path, String json) {
        management("PUT", path, json);
    }

    private void management(String method, String path, String json) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        try {
            HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/json")
                    .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " api/" + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " api/" + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        String credentials = Base64.getEncoder().encodeToString((GUEST + ":" + GUEST).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + managementPort + "/api/" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials);
    }

    private String consoleTail() throws IOException {
        List<String> lines = Files.readAllLines(directory.resolve("log/console.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * Debian's {@code /usr/sbin/rabbitmq-server} is a wrapper that, run as root, switches to the rabbitmq user and
     * its home (and so its cookie and files), which would ignore the node set up here. The real script sits in
     * RabbitMQ's own directory; fall back to what is on the PATH elsewhere.
     */
    private static Path serverScript() {
        Path onPath = Executables.require("rabbitmq-server", "apt-get install -y rabbitmq-server");
        Path real = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
        return Files.isExecutable(real) ? real : onPath;
    }
}
