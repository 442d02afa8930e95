package dev.millrace.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Past comparisons, one JSON file each in {@code comparisons/} of the data directory, so that runs can be compared
 * later and rendered again in any format. JSON files rather than tables of the H2 store: the recording store does
 * not offer a way to add tables of other packages yet, and a comparison is a small document read whole.
 *
 * <p>Blocking file I/O: call from a worker thread in a UI.
 */
public final class ComparisonStore {
    static final String DIRECTORY = "comparisons";
    private static final String SUFFIX = ".json";
    private static final Logger log = LoggerFactory.getLogger(ComparisonStore.class);

    private final Path directory;

    /** The store in {@code dataDirectory} (see {@code dev.millrace.record.DataDirectory}). */
    public ComparisonStore(Path dataDirectory) {
        this.directory = dataDirectory.resolve(DIRECTORY);
    }

    /** One line of the list of past runs. */
    public record Entry(String id, String workload, Instant startedAt, List<String> brokers) {
    }

    public Path directory() {
        return directory;
    }

    /** Stores {@code result} as {@code <id>.json}; written to a temporary file first so a crash leaves no half. */
    public Path save(ComparisonResult result) {
        Path file = directory.resolve(result.id() + SUFFIX);
        try {
            Files.createDirectories(directory);
            Path partial = directory.resolve(result.id() + SUFFIX + ".partial");
            Files.writeString(partial, CompareJson.mapper().writeValueAsString(result), StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store comparison " + result.id() + " in " + directory, e);
        }
    }

    /** The stored comparison {@code id}, if there is one. */
    public Optional<ComparisonResult> load(String id) {
        Path file = directory.resolve(id + SUFFIX);
        if (!file.getParent().equals(directory) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }

    /** Every stored comparison, newest first; files that cannot be read are skipped and logged. */
    public List<Entry> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(SUFFIX)).toList()) {
                try {
                    ComparisonResult result = read(file);
                    entries.add(new Entry(result.id(), result.workload().name(), result.startedAt(),
                            result.brokers().stream().map(BrokerResult::label).toList()));
                } catch (RuntimeException e) {
                    log.warn("skipping the unreadable comparison file {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the comparisons in " + directory, e);
        }
        entries.sort(Comparator.comparing(Entry::startedAt).reversed());
        return entries;
    }

    public boolean delete(String id) {
        try {
            return Files.deleteIfExists(directory.resolve(id + SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete comparison " + id, e);
        }
    }

    private static ComparisonResult read(Path file) {
        try {
            return CompareJson.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8),
                    ComparisonResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the comparison file " + file + " is not readable: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
