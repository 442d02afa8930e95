package dev.millrace.broker.nats;

import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionType;
import dev.millrace.broker.OptionValues;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The JetStream options: how streams are found or created for topics, and how the consumers behind subscriptions
 * behave.
 *
 * @param nameTemplate    name of a stream created for a topic; {@code {topic}} stands for the topic
 * @param createStreams   create a stream for a topic no stream stores; when false, topics must be subjects of
 *                        existing streams
 * @param storage         where created streams keep messages
 * @param retention       when created streams drop messages
 * @param replicas        replicas of created streams (clustered servers)
 * @param maxAge          how long created streams keep a message, or null for no limit
 * @param duplicateWindow how long created streams remember message ids to drop re-sends
 * @param ackWait         how long the server waits for an ack before it redelivers
 * @param maxDeliver      most deliveries of one message, or -1 for no limit
 * @param maxAckPending   most delivered-but-unacked messages of one consumer (group)
 * @param pullBatch       messages a subscription asks the server for ahead of its reader
 */
record StreamSettings(
        String nameTemplate,
        boolean createStreams,
        StorageType storage,
        RetentionPolicy retention,
        int replicas,
        Duration maxAge,
        Duration duplicateWindow,
        Duration ackWait,
        long maxDeliver,
        long maxAckPending,
        int pullBatch) {

    static final String TOPIC_PLACEHOLDER = "{topic}";
    static final String STREAM_NAME = "stream-name";
    static final String CREATE_STREAMS = "create-streams";
    static final String STORAGE = "storage";
    static final String RETENTION = "retention";
    static final String REPLICAS = "replicas";
    static final String MAX_AGE = "max-age";
    static final String DUPLICATE_WINDOW = "duplicate-window";
    static final String ACK_WAIT = "ack-wait";
    static final String MAX_DELIVER = "max-deliver";
    static final String MAX_ACK_PENDING = "max-ack-pending";
    static final String PULL_BATCH = "pull-batch";

    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional(STREAM_NAME, OptionType.STRING, TOPIC_PLACEHOLDER,
                    "Name of the stream created for a topic; {topic} stands for the topic, and characters stream "
                            + "names may not contain (. * > space) become _"),
            OptionSpec.optional(CREATE_STREAMS, OptionType.BOOLEAN, "true",
                    "Create a stream for a topic that no stream stores yet; when false, every topic must be a "
                            + "subject of an existing stream (existing streams are always used when they match)"),
            OptionSpec.choice(STORAGE, "file", "Where created streams keep messages", "file", "memory"),
            OptionSpec.choice(RETENTION, "limits",
                    "When created streams drop messages: limits (age/size; history stays readable), interest (once "
                            + "every consumer acked), workqueue (once one consumer acked; one consumer per subject)",
                    "limits", "interest", "workqueue"),
            OptionSpec.optional(REPLICAS, OptionType.INTEGER, "1", "Replicas of created streams (1 to 5)"),
            OptionSpec.optional(MAX_AGE, OptionType.DURATION, null,
                    "How long created streams keep a message; default: no age limit"),
            OptionSpec.optional(DUPLICATE_WINDOW, OptionType.DURATION, "2m",
                    "How long created streams remember message ids, so that a re-sent message is stored once"),
            OptionSpec.optional(ACK_WAIT, OptionType.DURATION, "30s",
                    "How long the server waits for an ack before it delivers a message again"),
            OptionSpec.optional(MAX_DELIVER, OptionType.INTEGER, "-1",
                    "Most deliveries of one message to a consumer (-1: no limit); after that it is skipped"),
            OptionSpec.optional(MAX_ACK_PENDING, OptionType.INTEGER, "1000",
                    "Most messages a consumer group may hold delivered but not acked"),
            OptionSpec.optional(PULL_BATCH, OptionType.INTEGER, "256",
                    "Messages a subscription asks the server for ahead of its reader; they wait unacked, so keep "
                            + "pull-batch times the handling time of a message below ack-wait"));

    static StreamSettings from(OptionValues values) {
        List<String> problems = new ArrayList<>();
        String template = values.string(STREAM_NAME);
        if (!template.contains(TOPIC_PLACEHOLDER)) {
            problems.add("option '" + STREAM_NAME + "' must contain " + TOPIC_PLACEHOLDER
                    + ", or every topic would map to the same stream");
        }
        int replicas = values.integer(REPLICAS);
        if (replicas < 1 || replicas > 5) {
            problems.add("option '" + REPLICAS + "' must be between 1 and 5, got " + replicas);
        }
        long maxDeliver = values.integer(MAX_DELIVER);
        if (maxDeliver == 0 || maxDeliver < -1) {
            problems.add("option '" + MAX_DELIVER + "' must be -1 (no limit) or at least 1, got " + maxDeliver);
        }
        long maxAckPending = values.integer(MAX_ACK_PENDING);
        if (maxAckPending < 1) {
            problems.add("option '" + MAX_ACK_PENDING + "' must be at least 1, got " + maxAckPending);
        }
        int pullBatch = values.integer(PULL_BATCH);
        if (pullBatch < 1) {
            problems.add("option '" + PULL_BATCH + "' must be at least 1, got " + pullBatch);
        }
        Duration ackWait = values.duration(ACK_WAIT);
        if (ackWait.toMillis() < 1) {
            problems.add("option '" + ACK_WAIT + "' must be at least 1 ms, got " + ackWait);
        }
        if (!problems.isEmpty()) {
            throw NatsSettings.invalid(problems);
        }
        return new StreamSettings(template, values.bool(CREATE_STREAMS),
                StorageType.get(values.string(STORAGE)), RetentionPolicy.get(values.string(RETENTION)),
                replicas, values.has(MAX_AGE) ? values.duration(MAX_AGE) : null, values.duration(DUPLICATE_WINDOW),
                ackWait, maxDeliver, maxAckPending, pullBatch);
    }

    /** The stream name this template gives {@code topic}, with the characters names may not contain replaced. */
    String streamName(String topic) {
        return Subjects.toName(nameTemplate.replace(TOPIC_PLACEHOLDER, topic));
    }

    /** Whether a new subscriber can read what was published before it: only while the stream keeps history. */
    boolean keepsHistory() {
        return retention == RetentionPolicy.Limits;
    }
}
