package dev.millrace.compare;

import dev.millrace.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code kafka-producer-perf-test} and {@code kafka-consumer-perf-test} (ProducerPerformance and
 * ConsumerPerformance from {@code org.apache.kafka:kafka-tools}) on a fresh topic with the workload's partitions.
 * The producer tool uses one asynchronous producer with many sends in flight, with the adapter's durability
 * settings ({@code acks=all}, idempotence, no linger), after the workload's warm-up (its steady-state rate counts);
 * the consumer tool then drains the topic, without handling or committing each record.
 */
record KafkaPerfTools() implements ReferenceTool {
    /** The summary line, and after it the steady-state one when there was a warm-up: the last one counts. */
    private static final Pattern PRODUCED = Pattern.compile(
            "(\\d+) (?:steady state )?records sent, ([\\d.,]+) records/sec");

    @Override
    public String key() {
        return "kafka-tools";
    }

    @Override
    public String name() {
        return "kafka-producer-perf-test / kafka-consumer-perf-test";
    }

    @Override
    public String requirement() {
        return "the class path of org.apache.kafka:kafka-tools (same version as kafka-clients) and its dependencies";
    }

    @Override
    public boolean appliesTo(BrokerTarget target) {
        return target.adapterId().equals("kafka");
    }

    @Override
    public ReferenceResult run(BrokerTarget target, Workload workload, long messages, String classPath,
            ToolProcess process) {
        String servers = ReferenceTool.option(target, "bootstrap.servers", null);
        String protocol = ReferenceTool.option(target, "security.protocol", "PLAINTEXT");
        if (servers == null || !protocol.equals("PLAINTEXT")) {
            return failed(target, null, "the honesty check runs the Kafka tools on PLAINTEXT listeners only");
        }
        String topic = "compare-reference-" + Message.newId().substring(0, 8);
        ToolProcess.Outcome created = process.java(classPath, "org.apache.kafka.tools.TopicCommand", List.of(
                "--bootstrap-server", servers, "--create", "--topic", topic,
                "--partitions", Integer.toString(workload.partitions())));
        if (!created.succeeded()) {
            return failed(target, null, "creating topic " + topic + " failed: " + created.tail());
        }
        long warmup = warmupRecords(workload, messages);
        List<String> produce = new ArrayList<>(List.of("--bootstrap-server", servers, "--topic", topic,
                "--num-records", Long.toString(warmup + messages), "--record-size",
                Integer.toString(workload.messageSize()),
                "--throughput", workload.unlimitedRate() ? "-1" : Integer.toString(workload.targetRate())));
        if (warmup > 0) {
            produce.addAll(List.of("--warmup-records", Long.toString(warmup)));
        }
        produce.addAll(List.of("--command-property", "acks=all", "enable.idempotence=true", "linger.ms=0"));
        String command = "kafka-producer-perf-test " + String.join(" ", produce);
        ToolProcess.Outcome produced = process.java(classPath, "org.apache.kafka.tools.ProducerPerformance", produce);
        Double publishRate = produceRate(produced.output());
        if (!produced.succeeded() || publishRate == null) {
            return failed(target, command, "kafka-producer-perf-test gave no result: " + produced.tail());
        }
        List<String> consume = List.of("--bootstrap-server", servers, "--topic", topic,
                "--num-records", Long.toString(warmup + messages), "--group", topic, "--timeout", "60000");
        command += "; kafka-consumer-perf-test " + String.join(" ", consume);
        ToolProcess.Outcome consumed = process.java(classPath, "org.apache.kafka.tools.ConsumerPerformance", consume);
        Double consumeRate = consumed.succeeded() ? fetchRate(consumed.output()) : null;
        return new ReferenceResult(target.label(), name(), command, publishRate, consumeRate,
                "one asynchronous producer with many sends in flight and batching (acks=all, idempotent), against "
                        + "Millrace's " + workload.producers() + " thread(s) each waiting for every publish; the "
                        + "consumer tool fetches without handling or acking record by record (fetch.nMsg.sec)",
                consumeRate == null ? "kafka-consumer-perf-test gave no result: " + consumed.tail() : null);
    }

    /** The records/sec of ProducerPerformance's last summary line: the steady state's, if it had a warm-up. */
    static Double produceRate(String output) {
        Matcher matcher = PRODUCED.matcher(output);
        Double rate = null;
        while (matcher.find()) {
            rate = ReferenceTool.number(matcher.group(2));
        }
        return rate;
    }

    /**
     * The workload's warm-up in records, so that the tool's JVM warms up as Millrace's did: a timed warm-up at a
     * target rate is that many records; at full speed its length in records is unknown, and a fifth of the
     * measured count stands in.
     */
    private static long warmupRecords(Workload workload, long messages) {
        return switch (workload.warmup()) {
            case Warmup.Counted counted -> counted.messages();
            case Warmup.Timed timed when !workload.unlimitedRate() ->
                    timed.duration().toMillis() * workload.targetRate() / 1000;
            case Warmup.Timed timed -> timed.duration().isZero() ? 0 : messages / 5;
        };
    }

    /** ConsumerPerformance prints a header line and a value line; fetch.nMsg.sec leaves out the group join. */
    static Double fetchRate(String output) {
        List<String> lines = output.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("start.time")) {
                List<String> names = List.of(lines.get(i).split(",\\s*"));
                String[] values = lines.get(i + 1).split(",\\s*");
                int column = names.indexOf("fetch.nMsg.sec");
                if (column >= 0 && column < values.length) {
                    return ReferenceTool.number(values[column]);
                }
            }
        }
        return null;
    }

    private ReferenceResult failed(BrokerTarget target, String command, String problem) {
        return new ReferenceResult(target.label(), name(), command, null, null, null, problem);
    }
}
