package dev.millrace.compare;

import dev.millrace.broker.OptionValues;
import dev.millrace.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code kafka-producer-perf-test} and {@code kafka-consumer-perf-test} (ProducerPerformance and
 * ConsumerPerformance from {@code org.apache.kafka:kafka-tools}) on a fresh topic with the workload's partitions.
 * The producer tool uses one asynchronous producer with the adapter's producer settings ({@code acks=all},
 * idempotence, the target's linger and compression, Kafka's default batch size and in-flight requests), after the
 * workload's warm-up (its steady-state rate counts). Its unacknowledged records are bounded by
 * {@code buffer.memory}, set to the room of as many records as Millrace's producers have unacknowledged at most
 * ({@code producers × publishBatch}), and never less than one batch. The consumer tool then drains the topic,
 * without handling or committing each record.
 */
record KafkaPerfTools() implements ReferenceTool {
    /** Kafka's default {@code batch.size}, which the adapter keeps; passed explicitly so that the command says it. */
    static final int BATCH_SIZE = 16_384;
    /** Kafka's default {@code max.in.flight.requests.per.connection}, the most idempotence allows; the adapter's. */
    static final int MAX_IN_FLIGHT = 5;
    /** The most a record of the tool (no key, no headers) adds to its value in a v2 record batch, in bytes. */
    static final int RECORD_OVERHEAD = 21;

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
        long linger = OptionValues.parseDuration(ReferenceTool.option(target, "producer.linger", "0ms")).toMillis();
        produce.addAll(List.of("--command-property", "acks=all", "enable.idempotence=true", "linger.ms=" + linger,
                "compression.type=" + ReferenceTool.option(target, "producer.compression", "none"),
                "batch.size=" + BATCH_SIZE, "max.in.flight.requests.per.connection=" + MAX_IN_FLIGHT,
                "buffer.memory=" + bufferMemory(workload)));
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
        return new ReferenceResult(target.label(), name(), command, publishRate, consumeRate, method(workload),
                consumeRate == null ? "kafka-consumer-perf-test gave no result: " + consumed.tail() : null);
    }

    /**
     * {@code buffer.memory} for the tool: the bytes of the records Millrace's producers can have unacknowledged at
     * once, in whole batches, at least one. The producer takes memory for a batch at a time, so a window smaller
     * than a batch still gets a whole one.
     */
    static long bufferMemory(Workload workload) {
        long window = (long) workload.producers() * workload.publishBatch();
        long bytes = window * (workload.messageSize() + RECORD_OVERHEAD);
        return Math.max(1, (bytes + BATCH_SIZE - 1) / BATCH_SIZE) * BATCH_SIZE;
    }

    /** How the tools' work differs from Millrace's, in the report's words. */
    static String method(Workload workload) {
        long window = (long) workload.producers() * workload.publishBatch();
        String calls = workload.publishBatch() == 1 ? "one message per publish call"
                : Formats.count(workload.publishBatch()) + " messages per publish call";
        return "one asynchronous producer with Millrace's producer settings (acks=all, idempotent, same linger, "
                + "batch size and in-flight requests) and buffer.memory=" + bufferMemory(workload) + " bytes, the "
                + "room of Millrace's " + Formats.count(window) + " unacknowledged messages at most, at least one "
                + "batch; against Millrace's " + workload.producers() + " thread(s) sending " + calls + ", each call "
                + "waiting for all its acks before the next, with Millrace's id and stamps as record headers (the "
                + "tool's records have none); the consumer tool fetches without handling or acking record by "
                + "record (fetch.nMsg.sec) " + (workload.consumeAfterPublishing()
                ? "from the filled topic, as Millrace's consumers read their backlog after publishing"
                : "from the filled topic, while Millrace's consumer ran alongside its producers");
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
