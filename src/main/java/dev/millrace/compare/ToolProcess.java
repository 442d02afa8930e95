package dev.millrace.compare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a broker's own benchmark tool as a child process, with its output captured, a time limit, and the
 * comparison's cancel flag: a child process can be stopped without interrupting any of our threads.
 */
final class ToolProcess {
    private final Duration timeout;
    private final CancelFlag cancel;

    /** What the process did. */
    record Outcome(int exitCode, String output, boolean stopped) {
        boolean succeeded() {
            return !stopped && exitCode == 0;
        }

        /** The last lines of the output, for an error message. */
        String tail() {
            List<String> lines = output.lines().toList();
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
    }

    ToolProcess(Duration timeout, CancelFlag cancel) {
        this.timeout = timeout;
        this.cancel = cancel;
    }

    /** {@code java -cp classPath mainClass arguments...} with this JVM's {@code java}. */
    Outcome java(String classPath, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath, mainClass));
        command.addAll(arguments);
        return run(command);
    }

    Outcome run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream(), output), "millrace-compare-tool-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean stopped = false;
        try {
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled() || System.nanoTime() - deadline > 0) {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                    stopped = true;
                    break;
                }
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            stopped = true;
        }
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        return new Outcome(stopped ? -1 : process.exitValue(), text, stopped);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (out) {
                    out.write(buffer, 0, read);
                }
            }
        } catch (IOException e) {
            // The process ended or was stopped; what was read so far is what there is.
        }
    }
}
