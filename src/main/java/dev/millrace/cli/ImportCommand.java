package dev.millrace.cli;

import dev.millrace.record.RecordStore;
import dev.millrace.record.RecordStoreException;
import dev.millrace.record.SessionInfo;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Reads a JSON Lines export into a new session. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a JSON Lines export into a new session, byte for byte. A corrupt or truncated file is "
                + "rejected with its line number and imports nothing.")
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The .jsonl file.")
    private Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "Session name. Default: the name in the file.")
    private String name;

    @Mixin
    private StoreOption storeOption;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        try (RecordStore store = storeOption.open()) {
            SessionInfo session = store.importer().importJsonLines(file, name);
            spec.commandLine().getOut().printf("Imported session %d '%s': %d messages, %d dropped (%s).%n",
                    session.id(), session.name(), session.recorded(), session.dropped(), file);
            return 0;
        } catch (RecordStoreException | UncheckedIOException e) {
            return SessionsCommand.fail(spec, e);
        }
    }
}
