package dev.millrace.app.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One value kept as a JSON file, written atomically (temporary file, then rename) so that a crash mid-write leaves
 * the previous version. A missing or unreadable file reads as the default. Called off the FX thread.
 */
public final class JsonFile<T> {
    private static final Logger log = LoggerFactory.getLogger(JsonFile.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Class<T> type;

    public JsonFile(Path file, Class<T> type) {
        this.file = file;
        this.type = type;
    }

    public T load(T fallback) {
        if (!Files.exists(file)) {
            return fallback;
        }
        try {
            T value = JSON.readValue(file.toFile(), type);
            return value == null ? fallback : value;
        } catch (IOException e) {
            log.warn("{} could not be read, using defaults: {}", file, e.getMessage());
            return fallback;
        }
    }

    public synchronized void save(T value) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temporary.toFile(), value);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
