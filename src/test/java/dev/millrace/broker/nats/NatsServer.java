package dev.millrace.broker.nats;

import dev.millrace.testing.Executables;
import dev.millrace.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real nats-server for the tests, on free loopback ports with a store directory of its own (never the machine's
 * service on 4222). It can be stopped and started again on the same ports and store, as the reconnect case needs,
 * and is killed when the JVM exits. {@link #shared()} is one JetStream server for all test classes of a run.
 */
final class NatsServer {
    /** Above 16 MiB plus headers, so that the 16 MiB fidelity case runs; nats-server allows up to 64 MiB. */
    static final long MAX_PAYLOAD = 24L << 20;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    /** The user the {@link #secured()} server accepts. */
    static final String USER = "millrace";
    static final String PASSWORD = "s3cret-pa55";
    private static NatsServer shared;
    private static NatsServer secured;

    private final Path directory;
    private final Path config;
    private final int port;
    private final int monitoringPort;
    private Process process;

    private NatsServer(String configuration) {
        try {
            this.directory = Files.createTempDirectory("millrace-nats-");
            this.config = directory.resolve("nats-server.conf");
            Files.writeString(config, configuration, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = FreePorts.next();
        this.monitoringPort = FreePorts.next();
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroy, "nats-server-killer-" + port));
    }

    /** The JetStream server all test classes of this JVM share; started on first use. */
    static synchronized NatsServer shared() {
        if (shared == null) {
            shared = new NatsServer("max_payload: " + MAX_PAYLOAD + "\n");
            shared.start();
        }
        return shared;
    }

    /** A server that accepts only {@link #USER} with {@link #PASSWORD}; started on first use. */
    static synchronized NatsServer secured() {
        if (secured == null) {
            secured = startWith("authorization {\n  users = [ { user: " + USER + ", password: " + PASSWORD
                    + " } ]\n}\n");
        }
        return secured;
    }

    /** A server of its own with {@code configuration} (nats-server's config syntax) and JetStream. */
    static NatsServer startWith(String configuration) {
        NatsServer server = new NatsServer(configuration);
        server.start();
        return server;
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    String monitoringUrl() {
        return "http://127.0.0.1:" + monitoringPort;
    }

    Path directory() {
        return directory;
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        Path binary = Executables.require("nats-server", "apt-get install -y nats-server");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-js", "-a", "127.0.0.1",
                "-p", String.valueOf(port), "-m", String.valueOf(monitoringPort),
                "-sd", directory.resolve("store").toString(), "-c", config.toString()));
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        awaitHealthy();
    }

    /** Stops the server as an operator would (SIGTERM), keeping its store for the next {@link #start()}. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    synchronized void restart() {
        stop();
        start();
    }

    /** Stops the server for good and removes its directory. */
    synchronized void destroy() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        deleteDirectory();
    }

    private void awaitHealthy() {
        URI health = URI.create(monitoringUrl() + "/healthz");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue() + ": " + log());
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for nats-server", e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for nats-server", e);
            }
        }
        throw new IllegalStateException("nats-server did not become healthy within " + START_TIMEOUT.toSeconds()
                + " s: " + log());
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void deleteDirectory() {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }
}
