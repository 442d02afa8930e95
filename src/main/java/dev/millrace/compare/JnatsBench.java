package dev.millrace.compare;

import dev.millrace.message.Message;
import java.util.List;
import java.util.regex.Pattern;

/**
 * jnats' benchmark, {@code io.nats.examples.benchmark.NatsBench}, on core NATS: the workload's publishers and
 * subscribers on one subject. It ships in jnats' examples, not in the {@code io.nats:jnats} jar, so its location is a
 * class path holding the examples built from the jnats sources.
 */
record JnatsBench() implements ReferenceTool {
    private static final Pattern PUB = Pattern.compile("Pub stats: ([\\d.,]+) msgs/sec");
    private static final Pattern SUB = Pattern.compile("Sub stats: ([\\d.,]+) msgs/sec");

    @Override
    public String key() {
        return "nats-bench";
    }

    @Override
    public String name() {
        return "jnats NatsBench";
    }

    @Override
    public String requirement() {
        return "a class path with jnats' examples (io.nats.examples.benchmark.NatsBench, built from the jnats "
                + "sources; not published on Maven Central) and jnats";
    }

    @Override
    public boolean appliesTo(BrokerTarget target) {
        return target.adapterId().equals("nats");
    }

    @Override
    public ReferenceResult run(BrokerTarget target, Workload workload, Measured measured, String classPath,
            ToolProcess process) {
        long messages = measured.messages();
        String servers = ReferenceTool.option(target, "servers", "nats://localhost:4222");
        List<String> arguments = List.of("-s", servers, "-np", Integer.toString(workload.producers()),
                "-ns", Integer.toString(workload.consumers()), "-n", Long.toString(messages),
                "-ms", Integer.toString(workload.messageSize()),
                "compare-reference-" + Message.newId().substring(0, 8));
        String command = "NatsBench " + String.join(" ", arguments);
        ToolProcess.Outcome outcome = process.java(classPath, "io.nats.examples.benchmark.NatsBench", arguments);
        Double publish = publishRate(outcome.output());
        Double subscribe = subscribeRate(outcome.output());
        if (!outcome.succeeded() || publish == null) {
            return new ReferenceResult(target.label(), name(), command, null, null, null,
                    "NatsBench gave no result: " + outcome.tail());
        }
        return new ReferenceResult(target.label(), name(), command, publish, subscribe,
                "fire-and-forget publishing flushed once at the end, against Millrace's publish that flushes each "
                        + "call; subscribers count messages without handling them", null);
    }

    static Double publishRate(String output) {
        return ReferenceTool.lastNumber(PUB, output);
    }

    static Double subscribeRate(String output) {
        return ReferenceTool.lastNumber(SUB, output);
    }
}
