package dev.millrace.cli;

import dev.millrace.record.RecordBenchmark;
import dev.millrace.record.RecordStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Recording, export and search speed against plain subscribing, measured in one run. Prints Markdown tables. */
@Command(name = "bench-record", mixinStandardHelpOptions = true,
        description = "Measure the recorder against subscribe-only on the same in-memory source in the same run "
                + "(draining a backlog and at offered rates), JSON Lines export speed, and search latency in the "
                + "recorded session. Uses a fresh store in a temporary directory unless --data-dir is given.")
final class RecordBenchCommand implements Callable<Integer> {

    @Option(names = "--messages", defaultValue = "1000000",
            description = "Messages of the drain runs and of the session searched and exported. "
                    + "Default: ${DEFAULT-VALUE}.")
    private long messages;

    @Option(names = "--payload", defaultValue = "256", description = "Payload bytes. Default: ${DEFAULT-VALUE}.")
    private int payload;

    @Option(names = "--rates", defaultValue = "10000,50000,100000,200000", split = ",",
            description = "Offered rates of the paced runs, msg/s. Default: ${DEFAULT-VALUE}.")
    private List<Integer> rates;

    @Option(names = "--rate-duration", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long each paced run offers its rate. Default: ${DEFAULT-VALUE}.")
    private Duration rateDuration;

    @Option(names = "--ack-readers", defaultValue = "16",
            description = "Readers per topic of the run with acknowledgements. Default: ${DEFAULT-VALUE}.")
    private int ackReaders;

    @Option(names = "--search-messages", defaultValue = "0",
            description = "Messages of the session searched; when above --messages, a session that large is "
                    + "written straight into the store (e.g. 10000000). Default: search the drained session.")
    private long searchMessages;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Store to benchmark in (its sessions stay). Default: a temporary directory, deleted after.")
    private Path dataDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path directory = dataDir != null ? dataDir : Files.createTempDirectory("millrace-bench-record");
        try (RecordStore store = RecordStore.open(directory)) {
            out.printf("messages=%d payload=%d B rates=%s rate-duration=%s ack-readers=%d search-messages=%d "
                    + "cores=%d java=%s store=%s%n%n", messages, payload, rates, rateDuration, ackReaders,
                    searchMessages,
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), store.databaseFile());
            out.flush();
            RecordBenchmark.Result result = new RecordBenchmark(store).run(new RecordBenchmark.Settings(messages,
                    payload, rates, rateDuration, ackReaders, searchMessages));
            print(out, result);
        } finally {
            if (dataDir == null) {
                deleteRecursively(directory);
            }
        }
        return 0;
    }

    private static void print(PrintWriter out, RecordBenchmark.Result result) {
        double baseline = result.subscribeDrain().perSecond();
        out.println("| run | messages | seconds | msg/s | vs subscribe-only | msg per CPU-s | dropped |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (RecordBenchmark.Rate rate : List.of(result.subscribeDrain(), result.recordDrain(),
                result.recordAckDrain())) {
            row(out, rate, baseline);
        }
        out.println();
        out.println("| offered msg/s | subscribe-only msg/s | recorded msg/s | recorded / subscribe-only | dropped "
                + "(marked) |");
        out.println("| ---: | ---: | ---: | ---: | ---: |");
        for (RecordBenchmark.Paced paced : result.paced()) {
            out.printf("| %,d | %,.0f | %,.0f | %.2f | %,d |%n", paced.offered(), paced.subscribed().perSecond(),
                    paced.recorded().perSecond(), paced.recorded().perSecond() / paced.subscribed().perSecond(),
                    paced.recorded().dropped());
        }
        out.println();
        out.println("| export | messages | seconds | msg/s | msg per CPU-s |");
        out.println("| --- | ---: | ---: | ---: | ---: |");
        RecordBenchmark.Rate export = result.export();
        out.printf("| %s | %,d | %.2f | %,.0f | %,.0f |%n", export.phase(), export.messages(),
                seconds(export.elapsed()), export.perSecond(), export.perCpuSecond());
        if (result.generated() != null) {
            out.printf("| %s | %,d | %.2f | %,.0f | %,.0f |%n", result.generated().phase(),
                    result.generated().messages(), seconds(result.generated().elapsed()),
                    result.generated().perSecond(), result.generated().perCpuSecond());
        }
        out.println();
        out.printf("| search in a session of %,d messages (first page of 100, median of 3) | found | ms |%n",
                result.sessionMessages());
        out.println("| --- | ---: | ---: |");
        for (RecordBenchmark.Search search : result.searches()) {
            out.printf("| %s | %,d | %,.1f |%n", search.filter(), search.found(), search.latency().toNanos() / 1e6);
        }
        out.flush();
    }

    private static void row(PrintWriter out, RecordBenchmark.Rate rate, double baseline) {
        out.printf("| %s | %,d | %.2f | %,.0f | %.2f | %,.0f | %,d |%n", rate.phase(), rate.messages(),
                seconds(rate.elapsed()), rate.perSecond(), rate.perSecond() / baseline, rate.perCpuSecond(),
                rate.dropped());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
