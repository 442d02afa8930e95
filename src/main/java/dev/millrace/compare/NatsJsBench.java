package dev.millrace.compare;

import dev.millrace.message.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The benchmark the NATS maintainers ship with their JavaScript client: {@code examples/bench.js} of the npm package
 * {@code nats}, run with Node.js, one publisher and one subscriber on one subject of core NATS. It stands in for
 * jnats' {@code NatsBench} ({@link JnatsBench}), which no registry publishes in runnable form. Its location is the
 * directory of an {@code npm install nats minimist} (the example needs minimist, which the package does not list).
 */
record NatsJsBench() implements ReferenceTool {
    private static final Pattern PUB = Pattern.compile("(?m)^pub ([\\d.,]+) msgs/sec");
    private static final Pattern SUB = Pattern.compile("(?m)^sub ([\\d.,]+) msgs/sec");

    @Override
    public String key() {
        return "nats-js-bench";
    }

    @Override
    public String name() {
        return "nats.js bench";
    }

    @Override
    public String requirement() {
        return "the directory of 'npm install nats minimist' (the nats package's examples/bench.js), with node on "
                + "the PATH";
    }

    @Override
    public boolean appliesTo(BrokerTarget target) {
        return target.adapterId().equals("nats");
    }

    @Override
    public ReferenceResult run(BrokerTarget target, Workload workload, Measured measured, String location,
            ToolProcess process) {
        Path script = Path.of(location, "node_modules", "nats", "examples", "bench.js");
        if (!Files.isRegularFile(script)) {
            return new ReferenceResult(target.label(), name(), null, null, null, null,
                    "no " + script + ": give --tool " + key() + "=<" + requirement() + ">");
        }
        String servers = ReferenceTool.option(target, "servers", "nats://localhost:4222");
        List<String> arguments = List.of("--pub", "--sub", "--count", Long.toString(measured.messages()),
                "--payload", Integer.toString(workload.messageSize()), "--server", servers.split(",")[0],
                "--subject", "compare-reference-" + Message.newId().substring(0, 8));
        String command = "node node_modules/nats/examples/bench.js " + String.join(" ", arguments);
        List<String> invocation = new ArrayList<>(List.of("node", script.toString()));
        invocation.addAll(arguments);
        ToolProcess.Outcome outcome = process.run(invocation);
        Double publish = publishRate(outcome.output());
        Double subscribe = subscribeRate(outcome.output());
        if (!outcome.succeeded() || publish == null) {
            return new ReferenceResult(target.label(), name(), command, null, null, null,
                    "the nats.js bench gave no result: " + outcome.tail());
        }
        return new ReferenceResult(target.label(), name(), command, publish, subscribe, method(workload), null);
    }

    static String method(Workload workload) {
        return "one publisher and one subscriber in one Node.js process on one connection, publishing without "
                + "waiting (the client flushes when its buffer fills) and counting messages without handling them; "
                + "against Millrace's " + workload.producers() + " thread(s) sending "
                + (workload.publishBatch() == 1 ? "one message" : Formats.count(workload.publishBatch()) + " messages")
                + " per publish call, each call flushed and waiting for the server's answer, and a router consumer "
                + "handler; the nats.js client, not jnats, since jnats' own NatsBench is published nowhere runnable";
    }

    static Double publishRate(String output) {
        return ReferenceTool.lastNumber(PUB, output);
    }

    static Double subscribeRate(String output) {
        return ReferenceTool.lastNumber(SUB, output);
    }
}
