package dev.millrace.record;

import dev.millrace.testing.Executables;
import dev.millrace.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real {@code nats-server -js} on a free loopback port with its own store, for the recording crash test. */
final class JetStreamServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private JetStreamServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static JetStreamServer start(Path directory) throws IOException, InterruptedException {
        Path binary = Executables.require("nats-server", "apt-get install -y nats-server");
        int port = FreePorts.next();
        Files.createDirectories(directory);
        Process process = new ProcessBuilder(binary.toString(), "-js", "-a", "127.0.0.1", "-p", String.valueOf(port),
                "-sd", directory.resolve("store").toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("server.log").toFile())
                .start();
        JetStreamServer server = new JetStreamServer(process, port);
        server.awaitListening();
        return server;
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue());
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nats-server is not listening on " + port + " after 15 s");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while stopping nats-server", e));
        }
    }
}
