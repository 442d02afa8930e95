package dev.millrace.cli;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.Brokers;
import dev.millrace.compare.BrokerTarget;
import dev.millrace.compare.BrokerTargets;
import dev.millrace.compare.CancelFlag;
import dev.millrace.compare.CompareEvent;
import dev.millrace.compare.ComparisonResult;
import dev.millrace.compare.ComparisonRunner;
import dev.millrace.compare.ComparisonStore;
import dev.millrace.compare.Formats;
import dev.millrace.compare.HonestyCheck;
import dev.millrace.compare.ReportFormat;
import dev.millrace.compare.RunOutcome;
import dev.millrace.compare.RunSettings;
import dev.millrace.compare.Workload;
import dev.millrace.compare.Workloads;
import dev.millrace.record.DataDirectory;
import dev.millrace.record.RecordStore;
import dev.millrace.record.RecordStoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs one workload on several brokers in turn and writes a side-by-side report; see {@link ComparisonRunner}.
 * Progress goes to standard error, the report to {@code --out} (or, as Markdown, to standard output).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run the same workload on several brokers, one after the other, and report throughput, "
                + "latency percentiles, counts and the brokers' features side by side.",
            "A broker that cannot be reached gets a column saying why; the others still run. Exit code 0 when "
                    + "every broker was measured, 1 when some were not (the report is written all the same).",
            "Options of one broker: -o <broker>.<option>=<value>, or the environment variable "
                    + "MILLRACE_<BROKER>_<OPTION> (e.g. MILLRACE_KAFKA_BOOTSTRAP_SERVERS)."})
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--brokers", defaultValue = "memory", paramLabel = "ID[,LABEL:ID...]",
            description = "Brokers to compare, in order: adapter ids, or label:id to run one adapter twice. "
                    + "Default: ${DEFAULT-VALUE}.")
    private String brokers;

    @Option(names = {"-w", "--workload"}, defaultValue = "max-throughput", paramLabel = "NAME|FILE",
            description = "A built-in workload (max-throughput, batched-throughput, fixed-rate-latency, "
                    + "demo-router-hop) or a workload JSON file. Default: ${DEFAULT-VALUE}.")
    private String workload;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Report file; the format follows the extension: .md, .html or .csv. Default: Markdown on "
                    + "standard output.")
    private Path out;

    @Option(names = {"-o", "--option"}, paramLabel = "BROKER.NAME=VALUE",
            description = "A connection option of one broker, e.g. kafka.bootstrap.servers=localhost:9092; repeat "
                    + "for several.")
    private Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--messages", paramLabel = "N",
            description = "Measure this many messages instead of what the workload says.")
    private Long messages;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Measure for this long instead of what the workload says (30s, 2m).")
    private Duration duration;

    @Option(names = "--rate", paramLabel = "MSG_PER_S",
            description = "Target rate over all producers instead of the workload's; 0 for as fast as possible.")
    private Integer rate;

    @Option(names = "--idle-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "After publishing, give up on missing messages when none arrived for this long. "
                    + "Default: ${DEFAULT-VALUE}.")
    private Duration idleTimeout;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory; the comparison is stored in its database, beside the recorded "
                    + "sessions (the workbench's compare view lists it). Default: $" + DataDirectory.VARIABLE
                    + ", else the platform's.")
    private Path dataDirectory;

    @Option(names = "--no-save", description = "Do not store the comparison in the data directory.")
    private boolean noSave;

    @Option(names = "--from", paramLabel = "ID",
            description = "Do not run anything: render the stored comparison ID (see --history) into --out.")
    private String from;

    @Option(names = "--history", description = "List the stored comparisons and the built-in workloads, then stop.")
    private boolean history;

    @Option(names = "--honesty-check",
            description = "After the comparison, run each broker's own benchmark tool on it (located with --tool) "
                    + "and report Millrace's rates as a ratio of the tool's.")
    private boolean honestyCheck;

    @Option(names = "--tool", paramLabel = "KEY=LOCATION",
            description = "Where a broker's own benchmark tool is: kafka-tools=<class path of "
                    + "org.apache.kafka:kafka-tools and its dependencies>, perf-test=<class path of "
                    + "com.rabbitmq:perf-test and its dependencies>, nats-js-bench=<directory of 'npm install nats "
                    + "minimist'>, nats-bench=<class path with jnats' examples>.")
    private Map<String, String> tools = new LinkedHashMap<>();

    @Option(names = "--tool-timeout", defaultValue = "5m", converter = DurationConverter.class,
            description = "Longest one benchmark tool may run. Default: ${DEFAULT-VALUE}.")
    private Duration toolTimeout;

    @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
    private boolean quiet;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (history || from != null) {
            try (RecordStore records = RecordStore.open(DataDirectory.resolve(dataDirectory))) {
                ComparisonStore store = new ComparisonStore(records);
                if (history) {
                    listHistory(store);
                } else {
                    deliver(store.load(from).orElseThrow(() -> new IllegalArgumentException(
                            "no stored comparison '" + from + "' in " + store.location() + "; see --history")));
                }
                return 0;
            } catch (RecordStoreException e) {
                return SessionsCommand.fail(spec, e);
            }
        }
        Workload chosen = adjusted(Workloads.load(workload));
        List<BrokerTarget> targets = BrokerTargets.parse(brokers, options, System.getenv());
        if (noSave) {
            return compare(chosen, targets, null);
        }
        // Opened before the run, not after it: a store held by another Millrace should stop the command at once,
        // not after minutes of measuring.
        try (RecordStore records = RecordStore.open(DataDirectory.resolve(dataDirectory))) {
            return compare(chosen, targets, new ComparisonStore(records));
        } catch (RecordStoreException e) {
            return SessionsCommand.fail(spec, e);
        }
    }

    private int compare(Workload chosen, List<BrokerTarget> targets, ComparisonStore store) {
        PrintWriter err = spec.commandLine().getErr();
        HonestyCheck check = honestyCheck ? new HonestyCheck(tools, toolTimeout) : null;
        CancelFlag cancel = new CancelFlag();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> stopOnSignal(cancel, finished, err), "millrace-compare-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            RunSettings settings = RunSettings.DEFAULTS.withIdleTimeout(idleTimeout)
                    .withProgressInterval(Duration.ofSeconds(1));
            ComparisonResult result = new ComparisonRunner(settings)
                    .run(chosen, targets, event -> progress(err, event), cancel)
                    .withCommand(commandLine(targets));
            if (check != null && !cancel.isCancelled()) {
                result = result.withReferences(check.run(result, targets, line -> say(err, line), cancel));
            }
            if (store != null) {
                store.save(result);
                say(err, "stored as " + result.id() + " in " + store.location());
            }
            deliver(result);
            return result.allMeasured() ? 0 : 1;
        } finally {
            finished.countDown();
            removeHook(onSignal);
        }
    }

    private Workload adjusted(Workload loaded) {
        Workload chosen = loaded;
        if (messages != null && duration != null) {
            throw new IllegalArgumentException("give --messages or --duration, not both");
        }
        if (messages != null) {
            chosen = chosen.withMessages(messages);
        }
        if (duration != null) {
            chosen = chosen.withDuration(duration);
        }
        if (rate != null) {
            chosen = chosen.withTargetRate(rate);
        }
        return chosen;
    }

    private void deliver(ComparisonResult result) {
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(ReportFormat.MARKDOWN.render(result));
            stdout.flush();
            return;
        }
        ReportFormat.forFile(out).write(result, out);
        say(spec.commandLine().getErr(), "report written to " + out);
    }

    private void listHistory(ComparisonStore store) {
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("Built-in workloads: " + String.join(", ", Workloads.builtInNames()));
        List<ComparisonStore.Entry> entries = store.list();
        stdout.println(entries.isEmpty() ? "No stored comparisons in " + store.location()
                : "Stored comparisons in " + store.location() + ":");
        entries.forEach(entry -> stdout.printf("  %s  %-20s %-9s %s%n", entry.id(), entry.workload(),
                entry.status(), String.join(", ", entry.brokers())));
        stdout.flush();
    }

    private void progress(PrintWriter err, CompareEvent event) {
        if (quiet) {
            return;
        }
        switch (event) {
            case CompareEvent.BrokerStarting starting -> say(err, "[" + starting.label() + "] broker "
                    + (starting.index() + 1) + " of " + starting.count());
            case CompareEvent.PhaseChanged changed -> say(err, "[" + changed.label() + "] "
                    + changed.phase().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            case CompareEvent.Progress progress -> say(err, String.format(Locale.ROOT,
                    "[%s] %5.1f s  sent %s (%s msg/s)  received %s (%s msg/s)  p99 %s%s", progress.label(),
                    progress.elapsed().toMillis() / 1000.0, Formats.count(progress.sent()),
                    Formats.rate(progress.publishRate()), Formats.count(progress.received()),
                    Formats.rate(progress.consumeRate()),
                    progress.p99Nanos() == 0 ? Formats.NONE : Formats.millis(progress.p99Nanos()),
                    progress.errors() > 0 ? "  errors " + progress.errors() : ""));
            case CompareEvent.BrokerFinished done -> say(err, "[" + done.result().label() + "] "
                    + switch (done.result().outcome()) {
                        case RunOutcome.Measured measured -> String.format(Locale.ROOT,
                                "done: %s msg/s published, %s msg/s consumed, p99 %s",
                                Formats.rate(measured.metrics().publishRate()),
                                Formats.rate(measured.metrics().consumeRate()),
                                Formats.millis(measured.metrics().endToEnd().p99Nanos()));
                        case RunOutcome.Unreachable unreachable -> "unreachable: " + unreachable.reason();
                        case RunOutcome.Failed failed -> "failed: " + failed.reason();
                        case RunOutcome.Cancelled cancelled -> cancelled.reason();
                    });
            case CompareEvent.ComparisonFinished finished -> {
            }
        }
    }

    /**
     * The command line for the report, with the values of secret options masked (what the adapters declare secret
     * never reaches a report) and the tools' class paths, machine-specific and long, left out.
     */
    private String commandLine(List<BrokerTarget> targets) {
        List<String> words = new ArrayList<>(List.of("millrace"));
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        for (int i = 0; i < original.size(); i++) {
            String word = original.get(i);
            if ((word.equals("-o") || word.equals("--option")) && i + 1 < original.size()) {
                words.add(word);
                words.add(masked(original.get(++i), targets));
            } else if (word.startsWith("--option=") || word.startsWith("-o") && word.length() > 2) {
                String prefix = word.startsWith("--option=") ? "--option=" : "-o";
                words.add(prefix + masked(word.substring(prefix.length()), targets));
            } else if (word.equals("--tool") && i + 1 < original.size()) {
                words.add(word);
                words.add(withoutLocation(original.get(++i)));
            } else if (word.startsWith("--tool=")) {
                words.add("--tool=" + withoutLocation(word.substring("--tool=".length())));
            } else {
                words.add(word);
            }
        }
        return String.join(" ", words);
    }

    private static String withoutLocation(String tool) {
        int equals = tool.indexOf('=');
        return equals < 0 ? tool : tool.substring(0, equals + 1) + "<class path>";
    }

    private static String masked(String assignment, List<BrokerTarget> targets) {
        int equals = assignment.indexOf('=');
        int dot = assignment.indexOf('.');
        if (equals < 0 || dot < 0 || dot > equals) {
            return assignment;
        }
        String label = assignment.substring(0, dot);
        String name = assignment.substring(dot + 1, equals);
        boolean secret = targets.stream().filter(target -> target.label().equals(label)).findFirst()
                .flatMap(target -> Brokers.find(target.adapterId())).map(BrokerAdapter::options)
                .map(specs -> specs.stream().anyMatch(option -> option.name().equals(name) && option.secret()))
                .orElse(false);
        return secret ? assignment.substring(0, equals + 1) + "****" : assignment;
    }

    /** On Ctrl-C: cancel, then give the comparison time to close its connections and write its report. */
    private static void stopOnSignal(CancelFlag cancel, CountDownLatch finished, PrintWriter err) {
        if (finished.getCount() == 0) {
            return;
        }
        say(err, "cancelling; the report of what ran so far follows");
        cancel.cancel();
        try {
            finished.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already stopping, through this very hook: nothing to undo.
        }
    }

    private static void say(PrintWriter err, String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
