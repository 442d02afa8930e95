package dev.millrace.cli;

import dev.millrace.bench.PubSubBenchmark;
import dev.millrace.broker.BrokerConnection;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Publish-then-subscribe throughput of one broker, per payload size. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure publish and subscribe throughput (msg/s) of a broker, modelled on watermill-benchmark: "
                + "many threads publish every message, then a router consumer handler drains them.")
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

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Duration idle = Duration.ofSeconds(30);
        try (BrokerConnection connection = selection.connect()) {
            PubSubBenchmark benchmark = new PubSubBenchmark(connection);
            out.printf("broker=%s messages=%d publishers=%d handler-workers=%d cores=%d java=%s%n",
                    connection.adapter().id(), messages, publishers, handlerWorkers,
                    Runtime.getRuntime().availableProcessors(), Runtime.version());
            if (warmup > 0) {
                benchmark.run(new PubSubBenchmark.Workload(warmup, sizes.get(0), publishers, handlerWorkers, idle));
            }
            out.printf("%-10s %18s %18s%n", "payload", "publish msg/s", "subscribe msg/s");
            for (int size : sizes) {
                PubSubBenchmark.Result result = benchmark.run(
                        new PubSubBenchmark.Workload(messages, size, publishers, handlerWorkers, idle));
                out.printf("%-10s %18.0f %18.0f%n", size + " B", result.publishPerSecond(), result.subscribePerSecond());
                out.flush();
            }
            return 0;
        }
    }
}
