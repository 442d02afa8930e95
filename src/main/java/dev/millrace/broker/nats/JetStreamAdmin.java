package dev.millrace.broker.nats;

import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicDetails.ConsumerInfo;
import dev.millrace.broker.TopicDetails.PartitionInfo;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.StreamState;
import io.nats.client.api.Subject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JetStream browse view. A topic is a subject: each subject of each stream is one entry, counted from the
 * stream's state. Peeking reads stored messages by sequence, which neither consumes nor acknowledges anything.
 */
final class JetStreamAdmin implements BrokerAdmin {
    /** Most sequences a peek looks at on a stream shared with other subjects, where matches may be sparse. */
    private static final int PEEK_SCAN_LIMIT = 100_000;

    private final JetStreamManagement management;
    private final Streams streams;

    JetStreamAdmin(JetStreamManagement management, Streams streams) {
        this.management = management;
        this.streams = streams;
    }

    @Override
    public List<TopicInfo> listTopics() {
        try {
            List<TopicInfo> topics = new ArrayList<>();
            for (StreamInfo info : management.getStreams()) {
                List<String> subjects = info.getConfiguration().getSubjects();
                for (String subject : subjects) {
                    topics.add(subjects.size() == 1
                            ? new TopicInfo(subject, "stream", info.getStreamState().getMsgCount(),
                                    info.getStreamState().getByteCount())
                            : new TopicInfo(subject, "stream", countMessages(info.getConfiguration().getName(), subject),
                                    TopicInfo.UNKNOWN));
                }
            }
            topics.sort((a, b) -> a.name().compareTo(b.name()));
            return topics;
        } catch (IOException | JetStreamApiException e) {
            throw Streams.failure("listing the JetStream streams", e);
        }
    }

    @Override
    public TopicDetails describeTopic(String topic) {
        Subjects.requireValid(topic, true);
        Streams.Stream stream = existing(topic);
        try {
            StreamInfo info = management.getStreamInfo(stream.name());
            StreamState state = info.getStreamState();
            long count = stream.dedicatedTo(topic) ? state.getMsgCount() : countMessages(stream.name(), topic);
            long bytes = stream.dedicatedTo(topic) ? state.getByteCount() : TopicInfo.UNKNOWN;
            List<ConsumerInfo> consumers = new ArrayList<>();
            for (io.nats.client.api.ConsumerInfo consumer : management.getConsumers(stream.name())) {
                String filter = consumer.getConsumerConfiguration().getFilterSubject();
                if (filter == null || filter.isEmpty() || Subjects.overlap(filter, topic)) {
                    consumers.add(new ConsumerInfo(consumer.getName(), members(consumer),
                            consumer.getNumPending() + consumer.getNumAckPending()));
                }
            }
            return new TopicDetails(new TopicInfo(topic, "stream", count, bytes), attributes(info),
                    List.of(new PartitionInfo(0, state.getFirstSequence(), state.getLastSequence() + 1)), consumers);
        } catch (IOException | JetStreamApiException e) {
            throw Streams.failure("describing the stream of '" + topic + "'", e);
        }
    }

    /**
     * The last {@code count} messages stored on {@code topic}, oldest first, read by sequence from the newest
     * backwards. Deleted sequences are skipped; on a stream shared with other subjects at most
     * {@value #PEEK_SCAN_LIMIT} sequences are looked at.
     */
    @Override
    public List<Message> peek(String topic, int count) {
        Subjects.requireValid(topic, true);
        if (count < 1) {
            return List.of();
        }
        Streams.Stream stream = existing(topic);
        try {
            StreamState state = management.getStreamInfo(stream.name()).getStreamState();
            boolean dedicated = stream.dedicatedTo(topic);
            List<Message> newestFirst = new ArrayList<>(count);
            long scanned = 0;
            for (long sequence = state.getLastSequence();
                    sequence >= state.getFirstSequence() && sequence > 0 && newestFirst.size() < count
                            && (dedicated || scanned < PEEK_SCAN_LIMIT);
                    sequence--, scanned++) {
                MessageInfo stored = stored(stream.name(), sequence);
                if (stored != null && (dedicated || Subjects.matches(topic, stored.getSubject()))) {
                    newestFirst.add(toMessage(stored));
                }
            }
            Collections.reverse(newestFirst);
            return newestFirst;
        } catch (IOException | JetStreamApiException e) {
            throw Streams.failure("peeking at '" + topic + "'", e);
        }
    }

    private Streams.Stream existing(String topic) {
        return streams.find(topic).orElseThrow(() -> new MessagingException("no JetStream stream stores '" + topic
                + "'"));
    }

    private MessageInfo stored(String stream, long sequence) throws IOException, JetStreamApiException {
        try {
            return management.getMessage(stream, sequence);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == Streams.NO_MESSAGE_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static Message toMessage(MessageInfo stored) {
        HeaderCodec.Decoded decoded = HeaderCodec.decode(stored.getHeaders());
        Message message = new Message(decoded.id() != null ? decoded.id() : stored.getStream() + ":" + stored.getSeq(),
                decoded.metadata(), stored.getData());
        message.withKey(decoded.key());
        message.setEnvelope(new Envelope(JetStreamAdapter.ID, stored.getSubject(), decoded.key(), Envelope.NONE,
                stored.getSeq(), instant(stored.getTime()), Instant.now(), System.nanoTime(), false));
        return message;
    }

    private long countMessages(String stream, String subject) throws IOException, JetStreamApiException {
        StreamInfo filtered = management.getStreamInfo(stream, StreamInfoOptions.filterSubjects(subject));
        List<Subject> subjects = filtered.getStreamState().getSubjects();
        return subjects == null ? 0 : subjects.stream().mapToLong(Subject::getCount).sum();
    }

    /** Pull consumers: outstanding pull requests (about one or two per subscription); push: bound or not. */
    private static int members(io.nats.client.api.ConsumerInfo consumer) {
        if (consumer.getConsumerConfiguration().getDeliverSubject() != null) {
            return consumer.isPushBound() ? 1 : 0;
        }
        return (int) consumer.getNumWaiting();
    }

    private static Map<String, String> attributes(StreamInfo info) {
        StreamConfiguration config = info.getConfiguration();
        StreamState state = info.getStreamState();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("stream", config.getName());
        attributes.put("subjects", String.join(", ", config.getSubjects()));
        if (config.getDescription() != null) {
            attributes.put("description", config.getDescription());
        }
        attributes.put("storage", String.valueOf(config.getStorageType()));
        attributes.put("retention", String.valueOf(config.getRetentionPolicy()));
        attributes.put("replicas", String.valueOf(config.getReplicas()));
        attributes.put("max age", limit(config.getMaxAge()));
        attributes.put("max messages", limit(config.getMaxMsgs()));
        attributes.put("max bytes", limit(config.getMaxBytes()));
        attributes.put("max message size", limit(config.getMaximumMessageSize()));
        attributes.put("discard policy", String.valueOf(config.getDiscardPolicy()));
        attributes.put("duplicate window", String.valueOf(config.getDuplicateWindow()));
        attributes.put("messages", String.valueOf(state.getMsgCount()));
        attributes.put("bytes", String.valueOf(state.getByteCount()));
        attributes.put("first sequence", String.valueOf(state.getFirstSequence()));
        attributes.put("first message at", time(state.getFirstTime()));
        attributes.put("last sequence", String.valueOf(state.getLastSequence()));
        attributes.put("last message at", time(state.getLastTime()));
        attributes.put("consumers", String.valueOf(state.getConsumerCount()));
        attributes.put("created", time(info.getCreateTime()));
        return attributes;
    }

    private static String limit(long value) {
        return value < 0 ? "unlimited" : String.valueOf(value);
    }

    private static String limit(Duration value) {
        return value == null || value.isZero() ? "unlimited" : value.toString();
    }

    private static String time(ZonedDateTime time) {
        return time == null ? "" : time.toInstant().toString();
    }

    private static Instant instant(ZonedDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
