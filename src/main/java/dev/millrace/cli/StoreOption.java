package dev.millrace.cli;

import dev.millrace.record.DataDirectory;
import dev.millrace.record.RecordStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option of the commands that work on the recording store, and the store it names. */
final class StoreOption {
    static final String DATA_DIR_HELP = "Directory of the recording store. Default: $" + DataDirectory.VARIABLE
            + ", else the platform's data directory (~/.local/share/millrace on Linux).";

    @Option(names = "--data-dir", paramLabel = "DIR", description = DATA_DIR_HELP)
    private Path dataDir;

    /** Opens the store of the chosen (or default) data directory; the caller closes it. */
    RecordStore open() {
        return RecordStore.open(DataDirectory.resolve(dataDir));
    }
}
