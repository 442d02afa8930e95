package dev.millrace.cli;

import dev.millrace.bench.PubSubBenchmark;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.RawClientBaseline;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Publish-then-subscribe throughput of one broker, per payload size, and, where the adapter offers a raw-client
 * baseline, the same work done by the broker's own client in the same run. Prints Markdown table rows.
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

    @Option(names = "--no-baseline", description = "Skip the raw-client baseline.")
    private boolean noBaseline;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
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
            out.println(baseline.isPresent()
                    ? "| broker | payload | publish msg/s | raw publish msg/s | publish ratio | subscribe msg/s "
                    + "| raw subscribe msg/s | subscribe ratio |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
                    : "| broker | payload | publish msg/s | subscribe msg/s |\n| --- | --- | ---: | ---: |");
            for (int size : sizes) {
                PubSubBenchmark.Workload workload = new PubSubBenchmark.Workload(messages, size, publishers,
                        handlerWorkers, idle);
                PubSubBenchmark.Result result = benchmark.run(workload);
                if (baseline.isPresent()) {
                    PubSubBenchmark.BaselineResult raw = PubSubBenchmark.runBaseline(baseline.get(),
                            selection.options(), workload);
                    out.printf("| %s | %d B | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |%n", adapterId, size,
                            result.publishPerSecond(), raw.publishPerSecond(),
                            result.publishPerSecond() / raw.publishPerSecond(),
                            result.subscribePerSecond(), raw.subscribePerSecond(),
                            result.subscribePerSecond() / raw.subscribePerSecond());
                } else {
                    out.printf("| %s | %d B | %.0f | %.0f |%n", adapterId, size, result.publishPerSecond(),
                            result.subscribePerSecond());
                }
                out.flush();
            }
            return 0;
        }
    }
}
