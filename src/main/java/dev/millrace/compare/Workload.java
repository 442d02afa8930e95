package dev.millrace.compare;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One comparison workload, the same for every broker it runs on. Stored as a small JSON file (see {@link Workloads});
 * the built-in ones are in {@code resources/dev/millrace/compare}.
 *
 * @param name         short name, used on the command line and in file names
 * @param description  one or two sentences for people
 * @param messageSize  payload bytes of each message (the measuring stamps travel in metadata, beside it)
 * @param messages     measured messages in all; 0 when the run is timed by {@code duration}
 * @param duration     how long the measured phase publishes; {@code null} when it is counted by {@code messages}
 * @param targetRate   messages per second over all producers; 0 publishes as fast as the broker accepts
 * @param producers    publishing threads, spread round-robin over the topics
 * @param publishBatch messages per publish call; each producer builds this many messages (each with its own
 *                     stamps), hands them to one {@code Publisher.publish} call and waits for the broker to accept
 *                     them all, so that up to {@code producers × publishBatch} messages are unacknowledged at once.
 *                     The target rate counts messages, not calls. Optional in a file, default 1
 * @param consumers    consumer handlers per topic, sharing one consumer group (members split its messages)
 * @param topics       topics published to; each gets its own consumer group
 * @param partitions   partitions per topic where the broker has them; also the number of distinct message keys
 *                     on brokers with keys, so that partitioned brokers spread the load
 * @param durability   what the workload asks of the broker's storage
 * @param ackMode      when the measuring consumers acknowledge
 * @param warmup       what producers publish, at the same rate, before the measured phase; not measured
 * @param topology     the path the messages take
 * @param consumeAfterPublishing when true, the measuring consumers start only once every producer is done, and
 *                     read the backlog the producers left (warm-up first), as a broker's own consumer benchmark
 *                     reads a filled topic; the consume rate is then the consumers' alone, and latencies include
 *                     the wait. Needs a broker that keeps messages for an initialized group; a broker without
 *                     persistence consumes alongside, with a note. Optional in a file, default false (consumers
 *                     run alongside the producers)
 */
public record Workload(
        String name,
        String description,
        int messageSize,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long messages,
        @JsonInclude(JsonInclude.Include.NON_NULL) Duration duration,
        int targetRate,
        int producers,
        int publishBatch,
        int consumers,
        int topics,
        int partitions,
        Durability durability,
        AckMode ackMode,
        Warmup warmup,
        Topology topology,
        boolean consumeAfterPublishing) {

    /** A workload of one message per publish call, consumed while it is published. */
    public Workload(String name, String description, int messageSize, long messages, Duration duration,
            int targetRate, int producers, int consumers, int topics, int partitions, Durability durability,
            AckMode ackMode, Warmup warmup, Topology topology) {
        this(name, description, messageSize, messages, duration, targetRate, producers, 1, consumers, topics,
                partitions, durability, ackMode, warmup, topology, false);
    }

    public Workload {
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(ackMode, "ackMode");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(topology, "topology");
        description = description == null ? "" : description;
        List<String> problems = problems(name, messageSize, messages, duration, targetRate, producers, publishBatch,
                consumers, topics, partitions, topology);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid workload" + (name == null ? "" : " '" + name + "'") + ": "
                    + String.join("; ", problems));
        }
    }

    /** The JSON form: optional fields get their defaults here, so that a workload file states only what matters. */
    @JsonCreator
    static Workload fromJson(
            @JsonProperty(value = "name", required = true) String name,
            @JsonProperty("description") String description,
            @JsonProperty(value = "messageSize", required = true) int messageSize,
            @JsonProperty("messages") Long messages,
            @JsonProperty("duration") Duration duration,
            @JsonProperty("targetRate") Integer targetRate,
            @JsonProperty("producers") Integer producers,
            @JsonProperty("publishBatch") Integer publishBatch,
            @JsonProperty("consumers") Integer consumers,
            @JsonProperty("topics") Integer topics,
            @JsonProperty("partitions") Integer partitions,
            @JsonProperty("durability") Durability durability,
            @JsonProperty("ackMode") AckMode ackMode,
            @JsonProperty("warmup") Warmup warmup,
            @JsonProperty("topology") Topology topology,
            @JsonProperty("consumeAfterPublishing") Boolean consumeAfterPublishing) {
        return new Workload(name, description, messageSize, messages == null ? 0 : messages, duration,
                or(targetRate, 0), or(producers, 1), or(publishBatch, 1), or(consumers, 1), or(topics, 1),
                or(partitions, 1), durability == null ? Durability.ANY : durability,
                ackMode == null ? AckMode.AFTER_HANDLING : ackMode,
                warmup == null ? Warmup.NONE : warmup,
                topology == null ? Topology.DIRECT : topology,
                consumeAfterPublishing != null && consumeAfterPublishing);
    }

    /** True when the measured phase is counted in messages, false when it is timed. */
    public boolean counted() {
        return duration == null;
    }

    /** True when producers publish as fast as the broker accepts. */
    public boolean unlimitedRate() {
        return targetRate == 0;
    }

    /** The same workload with another count (and no duration); handy for short test runs of a built-in. */
    public Workload withMessages(long count) {
        return new Workload(name, description, messageSize, count, null, targetRate, producers, publishBatch,
                consumers, topics, partitions, durability, ackMode, warmup, topology, consumeAfterPublishing);
    }

    /** The same workload timed by {@code measured} instead of counted. */
    public Workload withDuration(Duration measured) {
        return new Workload(name, description, messageSize, 0, measured, targetRate, producers, publishBatch,
                consumers, topics, partitions, durability, ackMode, warmup, topology, consumeAfterPublishing);
    }

    public Workload withWarmup(Warmup newWarmup) {
        return new Workload(name, description, messageSize, messages, duration, targetRate, producers, publishBatch,
                consumers, topics, partitions, durability, ackMode, newWarmup, topology, consumeAfterPublishing);
    }

    public Workload withTargetRate(int rate) {
        return new Workload(name, description, messageSize, messages, duration, rate, producers, publishBatch,
                consumers, topics, partitions, durability, ackMode, warmup, topology, consumeAfterPublishing);
    }

    /** The same workload with {@code batch} messages per publish call. */
    public Workload withPublishBatch(int batch) {
        return new Workload(name, description, messageSize, messages, duration, targetRate, producers, batch,
                consumers, topics, partitions, durability, ackMode, warmup, topology, consumeAfterPublishing);
    }

    /** The same workload with its consumers started alongside the producers ({@code false}) or after them. */
    public Workload withConsumeAfterPublishing(boolean after) {
        return new Workload(name, description, messageSize, messages, duration, targetRate, producers, publishBatch,
                consumers, topics, partitions, durability, ackMode, warmup, topology, after);
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static List<String> problems(String name, int messageSize, long messages, Duration duration,
            int targetRate, int producers, int publishBatch, int consumers, int topics, int partitions,
            Topology topology) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("'name' is required");
        }
        if (messageSize < 0) {
            problems.add("'messageSize' must not be negative, got " + messageSize);
        }
        if (messages < 0) {
            problems.add("'messages' must not be negative, got " + messages);
        }
        if ((messages > 0) == (duration != null)) {
            problems.add("give exactly one of 'messages' (a count) and 'duration' (e.g. \"30s\")");
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            problems.add("'duration' must be positive, got " + duration);
        }
        if (targetRate < 0) {
            problems.add("'targetRate' must not be negative (0 means as fast as possible), got " + targetRate);
        }
        if (producers < 1) {
            problems.add("'producers' must be at least 1, got " + producers);
        }
        if (publishBatch < 1) {
            problems.add("'publishBatch' must be at least 1 (messages per publish call), got " + publishBatch);
        }
        if (consumers < 1) {
            problems.add("'consumers' must be at least 1, got " + consumers);
        }
        if (topics < 1) {
            problems.add("'topics' must be at least 1, got " + topics);
        }
        if (partitions < 1) {
            problems.add("'partitions' must be at least 1, got " + partitions);
        }
        if (topology == Topology.ROUTER_HOP && topics != 1) {
            problems.add("the router-hop topology has one incoming topic; 'topics' must be 1, got " + topics);
        }
        return problems;
    }
}
