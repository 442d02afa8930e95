package dev.millrace.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@link RecordingChild} in a JVM of its own (same java, same class path), whose output lines the test reads. */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readLines, "child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code RecordingChild} with {@code arguments}; its standard error goes to {@code log}. */
    static ChildProcess start(Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), RecordingChild.class.getName()));
        command.addAll(List.of(arguments));
        return new ChildProcess(new ProcessBuilder(command).redirectError(log.toFile()).start());
    }

    /** Waits for an output line matching {@code wanted}; fails with everything seen if none comes in time. */
    String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the child printed no matching line within " + timeout + "; alive="
                        + process.isAlive() + ", last lines: " + seen.subList(Math.max(0, seen.size() - 5),
                        seen.size()));
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** The largest {@code COMMITTED n} the child printed before it died. */
    long lastCommitted() {
        long last = 0;
        List<String> all = new ArrayList<>(seen);
        lines.drainTo(all);
        for (String line : all) {
            if (line.startsWith("COMMITTED ")) {
                last = Math.max(last, Long.parseLong(line.substring("COMMITTED ".length())));
            }
        }
        return last;
    }

    /** SIGKILL, as a crash or {@code kill -9} would end it, then waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException ended) {
            // The child died: its pipe closed.
        }
    }
}
