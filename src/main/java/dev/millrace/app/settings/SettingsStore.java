package dev.millrace.app.settings;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench settings file ({@code workbench.json} in the data directory), read once at start and rewritten on
 * change. Reads and writes are small; callers still run {@link #update} off the FX thread where they can.
 */
public final class SettingsStore {
    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);

    private final JsonFile<WorkbenchSettings> file;
    private volatile WorkbenchSettings current;

    public SettingsStore(Path file) {
        this.file = new JsonFile<>(file, WorkbenchSettings.class);
        this.current = this.file.load(WorkbenchSettings.DEFAULT);
    }

    public WorkbenchSettings current() {
        return current;
    }

    /** Applies {@code change} and writes the file; a failed write is logged, the new settings still apply. */
    public synchronized void update(UnaryOperator<WorkbenchSettings> change) {
        current = change.apply(current);
        try {
            file.save(current);
        } catch (RuntimeException e) {
            log.warn("settings could not be saved: {}", e.getMessage());
        }
    }
}
