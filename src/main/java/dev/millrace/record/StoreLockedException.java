package dev.millrace.record;

import java.nio.file.Path;

/** The database file is held by another process: embedded H2 admits one process at a time. */
public class StoreLockedException extends RecordStoreException {
    private final Path databaseFile;

    public StoreLockedException(Path databaseFile, Throwable cause) {
        super("the recording store " + databaseFile + " is in use by another process (another Millrace window or "
                + "command?); close it, or point this one at another directory with --data-dir or "
                + DataDirectory.VARIABLE, cause);
        this.databaseFile = databaseFile;
    }

    public Path databaseFile() {
        return databaseFile;
    }
}
