package dev.millrace.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The words every report format shares: the workload's settings, the run's setting, the notes per broker. */
final class ReportText {

    private ReportText() {
    }

    /** The workload as setting → value pairs, in a fixed order. */
    static List<Map.Entry<String, String>> workloadRows(Workload workload) {
        List<Map.Entry<String, String>> rows = new ArrayList<>();
        rows.add(Map.entry("Message size", Formats.bytes(workload.messageSize())));
        rows.add(Map.entry("Measured", workload.counted() ? Formats.count(workload.messages()) + " messages"
                : CompareJson.format(workload.duration())));
        rows.add(Map.entry("Target rate", workload.unlimitedRate() ? "as fast as possible"
                : Formats.count(workload.targetRate()) + " msg/s"));
        rows.add(Map.entry("Producers", Integer.toString(workload.producers())));
        rows.add(Map.entry("Messages per publish call", workload.publishBatch() == 1 ? "1"
                : Formats.count(workload.publishBatch()) + " (each call waits for the broker to accept them all)"));
        rows.add(Map.entry("Consumers per topic", Integer.toString(workload.consumers())));
        rows.add(Map.entry("Topics", Integer.toString(workload.topics())));
        rows.add(Map.entry("Partitions", workload.partitions() + " (where the broker has them)"));
        rows.add(Map.entry("Durability", switch (workload.durability()) {
            case ANY -> "whatever the broker's options give";
            case PERSISTENT -> "persistent";
        }));
        rows.add(Map.entry("Ack mode", switch (workload.ackMode()) {
            case AFTER_HANDLING -> "after handling";
            case INSTANT -> "instant (before handling)";
        }));
        rows.add(Map.entry("Consumers run", workload.consumeAfterPublishing()
                ? "after the last publish, reading the backlog (where the broker keeps it)"
                : "alongside the producers"));
        rows.add(Map.entry("Warm-up", workload.warmup().describe()));
        rows.add(Map.entry("Topology", switch (workload.topology()) {
            case DIRECT -> "publisher → topic → consumer";
            case ROUTER_HOP -> "publisher → incoming_topic → hello_handler → outgoing_topic → consumer";
        }));
        return rows;
    }

    static String environment(ComparisonResult result) {
        RunEnvironment environment = result.environment();
        return "Run " + result.id() + ", started " + result.startedAt() + ", on " + environment.cores()
                + " cores, Java " + environment.java() + ", " + environment.os() + ", Millrace "
                + environment.version() + ".";
    }

    /** Per broker what a reader must know: why it was not measured, the notes, the first publish error. */
    static List<String> notes(BrokerResult broker) {
        List<String> notes = new ArrayList<>();
        switch (broker.outcome()) {
            case RunOutcome.Unreachable unreachable -> notes.add("unreachable: " + unreachable.reason());
            case RunOutcome.Failed failed -> notes.add("failed: " + failed.reason());
            case RunOutcome.Cancelled cancelled -> notes.add(cancelled.reason());
            case RunOutcome.Measured measured -> {
                if (measured.metrics().firstError() != null) {
                    notes.add("first publish error: " + measured.metrics().firstError());
                }
            }
        }
        notes.addAll(broker.notes());
        if (!broker.features().fromConnection() && broker.features().known()) {
            notes.add("features as the adapter declares them by default; its connection could narrow them");
        }
        return notes;
    }

    /** The options a broker ran with, {@code name=value, ...}, secrets masked; empty for none. */
    static String options(BrokerResult broker) {
        List<String> pairs = new ArrayList<>();
        broker.options().forEach((name, value) -> pairs.add(name + "=" + value));
        return String.join(", ", pairs);
    }

    /** The Millrace result of the broker a reference run belongs to. */
    static Optional<Metrics> millrace(ComparisonResult result, ReferenceResult reference) {
        return result.brokers().stream().filter(broker -> broker.label().equals(reference.label())).findFirst()
                .flatMap(BrokerResult::metrics);
    }

    /** What the honesty check's ratios compare, for the workload's way of consuming. */
    static String referenceMethod(Workload workload) {
        return "Each tool ran after the comparison, on the same broker, with as many messages as Millrace measured "
                + "there. " + (workload.consumeAfterPublishing()
                ? "Millrace's consumers started after its last publish and read the backlog, as a consumer tool that "
                        + "drains an already filled topic does, so the consume ratios compare consumers alone."
                : "Millrace's consume rate is measured while its producers run, so it cannot exceed its publish "
                        + "rate; a tool that drains an already filled topic measures its consumer alone, and that "
                        + "consume ratio says more about the workload's shape than about Millrace.");
    }

    /** How the numbers were measured, for the workload's way of consuming. */
    static String method(Workload workload) {
        return "Each broker runs alone, one after the other, in one JVM. Latency is from a message's stamp, taken as "
                + "it is made just before its publish call, to the measuring consumer's handler, on the JVM's "
                + "nanosecond clock; warm-up messages are not measured. Publish msg/s is over the measured publishing "
                + "time; consume msg/s from the first to the last measured receipt. "
                + (workload.consumeAfterPublishing()
                ? "The consumers start once the producers are done (on brokers that keep the backlog), so consume "
                        + "msg/s is the consumers' own rate and the latencies include the wait for the publishing to "
                        + "end."
                : "Producers and consumers run at the same time, so a consumer that keeps up consumes at the publish "
                        + "rate, and at full speed a backlog (and its queueing delay) shows in the latencies.");
    }
}
