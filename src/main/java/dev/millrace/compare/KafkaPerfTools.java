package dev.millrace.compare;

import dev.millrace.broker.OptionValues;
import dev.millrace.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code kafka-producer-perf-test} and {@code kafka-consumer-perf-test} (ProducerPerformance and
 * ConsumerPerformance from {@code org.apache.kafka:kafka-tools}), made to do what Millrace did as far as the tools
 * allow.
 *
 * <p>The producer tool writes to a fresh topic with the workload's partitions, from one asynchronous producer with
 * the adapter's producer settings ({@code acks=all}, idempotence, the target's linger and compression, Kafka's
 * default batch size and in-flight requests), after the workload's warm-up (its steady-state rate counts). Its
 * records carry no key and no headers, so each one's value is as long as a whole Millrace record: the payload plus
 * the headers Millrace adds (the adapter's id header, the comparison's two stamps, the correlation id on the demo
 * route) and the message key where there are keys; see {@link #recordSize}. Its unacknowledged records are bounded by
 * {@code buffer.memory}, set to the room of as many records of that size as Millrace's producers have
 * unacknowledged at most ({@code producers × publishBatch}), and never less than one batch.
 *
 * <p>The consumer tool reads the records Millrace's measuring consumers read: the topics of Millrace's measured
 * phase, which the comparison leaves on the broker, from the oldest record, as many as Millrace published there
 * (warm-up and measured), in a group of its own, without handling or committing each record. Its rate is
 * {@code fetch.nMsg.sec}: Millrace's consume time runs from the first to the last measured receipt, which leaves
 * out subscribing and joining the group, and {@code fetch.nMsg.sec} is the tool's count over its time less the group
 * join ({@code nMsg.sec} would include the join).
 */
record KafkaPerfTools() implements ReferenceTool {
    /** Kafka's default {@code batch.size}, which the adapter keeps; passed explicitly so that the command says it. */
    static final int BATCH_SIZE = 16_384;
    /** Kafka's default {@code max.in.flight.requests.per.connection}, the most idempotence allows; the adapter's. */
    static final int MAX_IN_FLIGHT = 5;
    /** The most a record of the tool (no key, no headers) adds to its value in a v2 record batch, in bytes. */
    static final int RECORD_OVERHEAD = 21;
    /**
     * The header the Kafka adapter puts each message's id in (its {@code KafkaRecords.ID_HEADER}, Watermill's, not
     * visible from this package), beside a header per metadata entry.
     */
    static final String ID_HEADER = "_watermill_message_uuid";
    /** A message id's length: a UUID's text form, which is what {@link Message#newId()} makes. */
    static final int ID_LENGTH = 36;
    /**
     * What a v2 record writes for a header besides its key and value: their lengths, one varint byte each for
     * lengths below 64, which all of Millrace's are.
     */
    static final int HEADER_FRAMING = 2;
    /** ConsumerPerformance's warning when it stopped before it had read all the records it was asked for. */
    private static final String SHORT_READ = "Exiting before consuming the expected number of messages";

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
    public ReferenceResult run(BrokerTarget target, Workload workload, Measured measured, String classPath,
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
        long messages = measured.messages();
        long warmup = warmupRecords(workload, messages);
        int recordSize = recordSize(workload, messages, System.nanoTime());
        List<String> produce = new ArrayList<>(List.of("--bootstrap-server", servers, "--topic", topic,
                "--num-records", Long.toString(warmup + messages), "--record-size", Integer.toString(recordSize),
                "--throughput", workload.unlimitedRate() ? "-1" : Integer.toString(workload.targetRate())));
        if (warmup > 0) {
            produce.addAll(List.of("--warmup-records", Long.toString(warmup)));
        }
        long linger = OptionValues.parseDuration(ReferenceTool.option(target, "producer.linger", "0ms")).toMillis();
        produce.addAll(List.of("--command-property", "acks=all", "enable.idempotence=true", "linger.ms=" + linger,
                "compression.type=" + ReferenceTool.option(target, "producer.compression", "none"),
                "batch.size=" + BATCH_SIZE, "max.in.flight.requests.per.connection=" + MAX_IN_FLIGHT,
                "buffer.memory=" + bufferMemory(workload, recordSize)));
        String command = "kafka-producer-perf-test " + String.join(" ", produce);
        ToolProcess.Outcome produced = process.java(classPath, "org.apache.kafka.tools.ProducerPerformance", produce);
        Double publishRate = produceRate(produced.output());
        if (!produced.succeeded() || publishRate == null) {
            return failed(target, command, "kafka-producer-perf-test gave no result: " + produced.tail());
        }
        List<String> consume = new ArrayList<>(List.of("--bootstrap-server", servers));
        consume.addAll(topics(measured.topics()));
        consume.addAll(List.of("--num-records", Long.toString(measured.warmupMessages() + messages),
                "--group", topic, "--timeout", "60000"));
        command += "; kafka-consumer-perf-test " + String.join(" ", consume);
        ToolProcess.Outcome consumed = process.java(classPath, "org.apache.kafka.tools.ConsumerPerformance", consume);
        Double consumeRate = consumed.succeeded() ? fetchRate(consumed.output()) : null;
        String problem = consumeRate != null ? null : consumed.output().contains(SHORT_READ)
                ? "kafka-consumer-perf-test found fewer records than it was asked for: " + consumed.tail()
                : "kafka-consumer-perf-test gave no result: " + consumed.tail();
        return new ReferenceResult(target.label(), name(), command, publishRate, consumeRate,
                method(workload, recordSize), problem);
    }

    /** The tool's option for Millrace's topics: {@code --topic} for one, an {@code --include} pattern for several. */
    static List<String> topics(List<String> topics) {
        if (topics.size() == 1) {
            return List.of("--topic", topics.getFirst());
        }
        return List.of("--include", String.join("|", topics.stream().map(Pattern::quote).toList()));
    }

    /**
     * The bytes of one Millrace record, which the tool's records carry as value: the payload, each header's key and
     * value with their {@link #HEADER_FRAMING}, and the message key where messages have one (as {@link BrokerRun}
     * gives them when there are several partitions). The values' lengths are the longest of the measured phase: the
     * highest sequence number, and {@code nanoTime}'s digits for the send stamp, since the producers ran in this
     * JVM. Warm-up records stamp {@code -1}, a few bytes shorter; the id is always as long.
     */
    static int recordSize(Workload workload, long messages, long nanoTime) {
        int size = workload.messageSize() + header(ID_HEADER, ID_LENGTH)
                + header(Stamps.SEQUENCE, digits(Math.max(0, messages - 1)))
                + header(Stamps.SENT_NANOS, digits(nanoTime));
        if (workload.topology() == Topology.ROUTER_HOP) {
            size += header(Message.CORRELATION_ID, ID_LENGTH);
        }
        if (workload.partitions() > 1) {
            size += "key-".length() + digits(workload.partitions() - 1);
        }
        return size;
    }

    private static int header(String key, int valueLength) {
        return HEADER_FRAMING + key.length() + valueLength;
    }

    private static int digits(long value) {
        return Long.toString(value).length();
    }

    /**
     * {@code buffer.memory} for the tool: the bytes of the records Millrace's producers can have unacknowledged at
     * once, {@code recordSize} each, in whole batches, at least one. The producer takes memory for a batch at a
     * time, so a window smaller than a batch still gets a whole one.
     */
    static long bufferMemory(Workload workload, int recordSize) {
        long window = (long) workload.producers() * workload.publishBatch();
        long bytes = window * (recordSize + RECORD_OVERHEAD);
        return Math.max(1, (bytes + BATCH_SIZE - 1) / BATCH_SIZE) * BATCH_SIZE;
    }

    /**
     * How the tools' work differs from Millrace's, in the report's words.
     *
     * @param recordSize the tool's record size, see {@link #recordSize}
     */
    static String method(Workload workload, int recordSize) {
        long window = (long) workload.producers() * workload.publishBatch();
        String calls = workload.publishBatch() == 1 ? "one message per publish call"
                : Formats.count(workload.publishBatch()) + " messages per publish call";
        String added = "the id and stamp headers" + (workload.topology() == Topology.ROUTER_HOP
                ? ", the correlation id" : "") + (workload.partitions() > 1 ? " and the key" : "");
        return "one asynchronous producer with Millrace's producer settings (acks=all, idempotent, same linger, "
                + "batch size and in-flight requests), records of " + recordSize + " B without headers (Millrace's "
                + workload.messageSize() + " B payload plus the bytes of " + added + " it adds) and "
                + "buffer.memory=" + bufferMemory(workload, recordSize) + " bytes, the room of Millrace's "
                + Formats.count(window) + " unacknowledged messages at most, at least one batch; against Millrace's "
                + workload.producers() + " thread(s) sending " + calls + ", each call waiting for all its acks "
                + "before the next; the consumer tool reads Millrace's own records, warm-up included, from the "
                + "topic(s) of its measured phase, and fetches without handling or acking record by record; its "
                + "rate is fetch.nMsg.sec, which leaves out the group join as Millrace's consume time "
                + "(first to last measured receipt) does, " + (workload.consumeAfterPublishing()
                ? "on the filled topic, as Millrace's consumers read their backlog after publishing"
                : "on the filled topic, while Millrace's consumer ran alongside its producers");
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

    /**
     * ConsumerPerformance prints a header line and a value line; fetch.nMsg.sec is the records over the time from
     * the group join's end (partitions assigned) to the last record, which is the span of Millrace's consume time.
     * None when the tool gave up before it had all its records: its time then includes the wait for the missing ones.
     */
    static Double fetchRate(String output) {
        if (output.contains(SHORT_READ)) {
            return null;
        }
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
