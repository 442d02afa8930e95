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
 * @param consumers    consumer handlers per topic, sharing one consumer group (members split its messages)
 * @param topics       topics published to; each gets its own consumer group
 * @param partitions   partitions per topic where the broker has them; also the number of distinct message keys
 *                     on brokers with keys, so that partitioned brokers spread the load
 * @param durability   what the workload asks of the broker's storage
 * @param ackMode      when the measuring consumers acknowledge
 * @param warmup       what producers publish, at the same rate, before the measured phase; not measured
 * @param topology     the path the messages take
 */
public record Workload(
        String name,
        String description,
        int messageSize,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long messages,
        @JsonInclude(JsonInclude.Include.NON_NULL) Duration duration,
        int targetRate,
        int producers,
        int consumers,
        int topics,
        int partitions,
        Durability durability,
        AckMode ackMode,
        Warmup warmup,
        Topology topology) {

    public Workload {
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(ackMode, "ackMode");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(topology, "topology");
        description = description == null ? "" : description;
        List<String> problems = problems(name, messageSize, messages, duration, targetRate, producers, consumers,
                topics, partitions, topology);
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
            @JsonProperty("consumers") Integer consumers,
            @JsonProperty("topics") Integer topics,
            @JsonProperty("partitions") Integer partitions,
            @JsonProperty("durability") Durability durability,
            @JsonProperty("ackMode") AckMode ackMode,
            @JsonProperty("warmup") Warmup warmup,
            @JsonProperty("topology") Topology topology) {
        return new Workload(name, description, messageSize, messages == null ? 0 : messages, duration,
                or(targetRate, 0), or(producers, 1), or(consumers, 1), or(topics, 1), or(partitions, 1),
                durability == null ? Durability.ANY : durability,
                ackMode == null ? AckMode.AFTER_HANDLING : ackMode,
                warmup == null ? Warmup.NONE : warmup,
                topology == null ? Topology.DIRECT : topology);
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
        return new Workload(name, description, messageSize, count, null, targetRate, producers, consumers, topics,
                partitions, durability, ackMode, warmup, topology);
    }

    /** The same workload timed by {@code measured} instead of counted. */
    public Workload withDuration(Duration measured) {
        return new Workload(name, description, messageSize, 0, measured, targetRate, producers, consumers, topics,
                partitions, durability, ackMode, warmup, topology);
    }

    public Workload withWarmup(Warmup newWarmup) {
        return new Workload(name, description, messageSize, messages, duration, targetRate, producers, consumers,
                topics, partitions, durability, ackMode, newWarmup, topology);
    }

    public Workload withTargetRate(int rate) {
        return new Workload(name, description, messageSize, messages, duration, rate, producers, consumers, topics,
                partitions, durability, ackMode, warmup, topology);
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static List<String> problems(String name, int messageSize, long messages, Duration duration,
            int targetRate, int producers, int consumers, int topics, int partitions, Topology topology) {
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
