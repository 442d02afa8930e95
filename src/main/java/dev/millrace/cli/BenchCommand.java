package dev.millrace.cli;

import dev.millrace.bench.InterleavedRuns;
import dev.millrace.bench.PubSubBenchmark;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.RawClientBaseline;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Publish-then-subscribe throughput of one broker, per payload size, and, where the adapter offers a raw-client
 * baseline, the same work done by the broker's own client in the same run: several rounds, adapter and raw client
 * back to back with the order alternating, summarised by medians. Prints Markdown table rows.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure publish and subscribe throughput (msg/s) of a broker, modelled on watermill-benchmark: "
                + "many threads publish every message, then a router consumer handler drains them. Where the adapter "
                + "has a raw-client baseline, it runs the same work in the same run and prints adapter/raw ratios.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    private BrokerSelection selection;

    @Option(names = "--messages", defaultValue = "1000000", description = "Messages per run. Default: ${DEFAULT-VALUE}.")
    private long messages;

    @Option(names = "--sizes", defaultValue = "16,64,256", split = ",",
            description = "Payload sizes in bytes. Default: ${DEFAULT-VALUE}.")
    private List<Integer> sizes;

    @Option(names = "--publishers", defaultValue = "16", description = "Publishing threads. Default: ${DEFAULT-VALUE}.")
    private int publishers;

    @Option(names = "--handler-workers", defaultValue = "1",
            description = "Worker threads of the draining router handler. Default: ${DEFAULT-VALUE}.")
    private int handlerWorkers;

    @Option(names = "--warmup", defaultValue = "200000",
            description = "Messages of an untimed warm-up run before the measured ones. Default: ${DEFAULT-VALUE}.")
    private long warmup;

    @Option(names = "--rounds", defaultValue = "1",
            description = "Measured rounds per payload size; with a baseline each round runs the raw client and the "
                    + "adapter back to back, alternating which goes first. Default: ${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--no-baseline", description = "Skip the raw-client baseline.")
    private boolean noBaseline;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds must be at least 1, got " + rounds);
        }
        Duration idle = Duration.ofSeconds(30);
        try (BrokerConnection connection = selection.connect()) {
            String adapterId = connection.adapter().id();
            Optional<RawClientBaseline> baseline = noBaseline ? Optional.empty() : PubSubBenchmark.baselineFor(adapterId);
            PubSubBenchmark benchmark = new PubSubBenchmark(connection);
            out.printf("broker=%s messages=%d publishers=%d handler-workers=%d cores=%d java=%s baseline=%s%n%n",
                    adapterId, messages, publishers, handlerWorkers, Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), baseline.isPresent() ? "raw client" : "none");
            if (warmup > 0) {
                PubSubBenchmark.Workload warm = new PubSubBenchmark.Workload(warmup, sizes.get(0), publishers,
                        handlerWorkers, idle);
                benchmark.run(warm);
                if (baseline.isPresent()) {
                    PubSubBenchmark.runBaseline(baseline.get(), selection.options(), warm);
                }
            }
            if (baseline.isPresent()) {
                compare(out, adapterId, benchmark, baseline.get(), idle);
            } else {
                out.println("| broker | payload | publish msg/s | subscribe msg/s |\n| --- | --- | ---: | ---: |");
                for (int size : sizes) {
                    for (int round = 0; round < rounds; round++) {
                        PubSubBenchmark.Result result = benchmark.run(workload(size, idle));
                        out.printf("| %s | %d B | %.0f | %.0f |%n", adapterId, size, result.publishPerSecond(),
                                result.subscribePerSecond());
                        out.flush();
                    }
                }
            }
            return 0;
        }
    }

    private PubSubBenchmark.Workload workload(int size, Duration idle) {
        return new PubSubBenchmark.Workload(messages, size, publishers, handlerWorkers, idle);
    }

    /** Interleaved rounds per size: one line per round as it finishes, then the medians per size. */
    private void compare(PrintWriter out, String adapterId, PubSubBenchmark benchmark, RawClientBaseline baseline,
                         Duration idle) throws Exception {
        Map<String, String> options = selection.options();
        List<String> summary = new ArrayList<>();
        out.println("| broker | payload | round | first | publish msg/s | raw publish msg/s | subscribe msg/s "
                + "| raw subscribe msg/s |\n| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |");
        for (int size : sizes) {
            PubSubBenchmark.Workload workload = workload(size, idle);
            List<Double> publish = new ArrayList<>();
            List<Double> rawPublish = new ArrayList<>();
            List<Double> subscribe = new ArrayList<>();
            List<Double> rawSubscribe = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                boolean rawFirst = round % 2 == 0;
                PubSubBenchmark.BaselineResult raw;
                PubSubBenchmark.Result result;
                if (rawFirst) {
                    raw = PubSubBenchmark.runBaseline(baseline, options, workload);
                    result = benchmark.run(workload);
                } else {
                    result = benchmark.run(workload);
                    raw = PubSubBenchmark.runBaseline(baseline, options, workload);
                }
                publish.add(result.publishPerSecond());
                rawPublish.add(raw.publishPerSecond());
                subscribe.add(result.subscribePerSecond());
                rawSubscribe.add(raw.subscribePerSecond());
                out.printf("| %s | %d B | %d | %s | %.0f | %.0f | %.0f | %.0f |%n", adapterId, size, round + 1,
                        rawFirst ? "raw" : "adapter", result.publishPerSecond(), raw.publishPerSecond(),
                        result.subscribePerSecond(), raw.subscribePerSecond());
                out.flush();
            }
            summary.add(summaryRow(adapterId, size, "publish", new InterleavedRuns(publish, rawPublish)));
            summary.add(summaryRow(adapterId, size, "subscribe", new InterleavedRuns(subscribe, rawSubscribe)));
        }
        out.printf("%nMedians of %d interleaved rounds:%n%n", rounds);
        out.println("| broker | payload | phase | adapter msg/s | raw msg/s | ratio of medians | paired ratio median "
                + "(min–max) |\n| --- | --- | --- | ---: | ---: | ---: | --- |");
        summary.forEach(out::println);
        out.flush();
    }

    private static String summaryRow(String adapterId, int size, String phase, InterleavedRuns runs) {
        return String.format("| %s | %d B | %s | %.0f | %.0f | %.2f | %.2f (%.2f–%.2f) |", adapterId, size, phase,
                runs.adapterMedian(), runs.rawMedian(), runs.adapterMedian() / runs.rawMedian(),
                runs.pairedRatioMedian(), runs.pairedRatioMin(), runs.pairedRatioMax());
    }
}
