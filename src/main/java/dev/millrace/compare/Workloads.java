package dev.millrace.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes workload files, and knows the built-in ones (JSON resources next to this class). A workload is
 * named on the command line either by a built-in name or by the path of a file.
 */
public final class Workloads {
    /** The built-in workloads, each {@code <name>.json} in {@code resources/dev/millrace/compare}. */
    private static final List<String> BUILT_IN = List.of("max-throughput", "batched-throughput", "fixed-rate-latency",
            "demo-router-hop");

    private Workloads() {
    }

    public static List<String> builtInNames() {
        return BUILT_IN;
    }

    public static List<Workload> builtIn() {
        return BUILT_IN.stream().map(Workloads::builtIn).toList();
    }

    /** The built-in workload {@code name}; an {@link IllegalArgumentException} listing the names if none is. */
    public static Workload builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("no built-in workload '" + name + "'; built-in: "
                    + String.join(", ", BUILT_IN));
        }
        String resource = name + ".json";
        try (InputStream in = Workloads.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the built-in workload " + resource
                        + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in workload " + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in workload " + resource, e);
        }
    }

    /** A built-in name, or else the path of a workload file. */
    public static Workload load(String nameOrFile) {
        if (BUILT_IN.contains(nameOrFile)) {
            return builtIn(nameOrFile);
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("'" + nameOrFile + "' is neither a built-in workload ("
                    + String.join(", ", BUILT_IN) + ") nor a workload file");
        }
        return read(file);
    }

    public static Workload read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), "workload file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the workload file " + file, e);
        }
    }

    /**
     * Parses workload JSON; every mistake is an {@link IllegalArgumentException} that names {@code source} and says
     * what is wrong in plain words.
     */
    public static Workload parse(String json, String source) {
        try {
            return CompareJson.mapper().readValue(json, Workload.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException(source + ": " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
    }

    public static String toJson(Workload workload) {
        try {
            return CompareJson.mapper().writeValueAsString(workload) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write workload " + workload.name() + " as JSON", e);
        }
    }

    public static void write(Workload workload, Path file) {
        try {
            Files.writeString(file, toJson(workload), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the workload file " + file, e);
        }
    }
}
