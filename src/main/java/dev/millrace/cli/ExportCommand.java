package dev.millrace.cli;

import dev.millrace.record.ExportFormat;
import dev.millrace.record.ExportResult;
import dev.millrace.record.MessageFilter;
import dev.millrace.record.RecordStore;
import dev.millrace.record.RecordStoreException;
import dev.millrace.record.SessionInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes a session as JSON Lines or CSV. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a session as JSON Lines (lossless, re-importable with 'millrace import') or CSV (for "
                + "spreadsheets). Streams: any session size in constant memory.")
final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SESSION", description = "Session id or name (see 'millrace sessions').")
    private String session;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "jsonl or csv. Default: ${DEFAULT-VALUE}.")
    private String format;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Write here. Default: standard output.")
    private Path file;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only this topic.")
    private String topic;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "Only messages with this correlation id.")
    private String correlationId;

    @Mixin
    private StoreOption storeOption;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        ExportFormat exportFormat = ExportFormat.parse(format);
        try (RecordStore store = storeOption.open()) {
            SessionInfo info = SessionsCommand.resolve(store, session);
            MessageFilter filter = MessageFilter.ALL.withTopic(topic).withCorrelationId(correlationId);
            if (file != null) {
                ExportResult result = store.exporter().export(info.id(), filter, exportFormat, file);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("Exported session %d '%s' to %s: %d messages, %d gap markers, %d bytes.%n", info.id(),
                        info.name(), file, result.messages(), result.gaps(), result.bytes());
                return 0;
            }
            OutputStream out = System.out;
            store.exporter().export(info.id(), filter, exportFormat, out);
            flush(out);
            return 0;
        } catch (RecordStoreException | UncheckedIOException e) {
            return SessionsCommand.fail(spec, e);
        }
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
