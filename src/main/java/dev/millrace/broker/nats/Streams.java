package dev.millrace.broker.nats;

import dev.millrace.message.MessagingException;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which stream stores a topic. A stream that already stores the subject is used as it is (streams made by other
 * tools, with wildcard subjects, are bound to, never changed); otherwise, unless forbidden, a stream with the topic
 * as its only subject is created with the configured settings.
 */
final class Streams {
    static final int CONSUMER_NOT_FOUND = 10014;
    static final int NO_MESSAGE_FOUND = 10037;
    static final int MESSAGE_TOO_LARGE = 10054;
    static final int STREAM_NAME_IN_USE = 10058;
    static final int STREAM_NOT_FOUND = 10059;
    static final int SUBJECTS_OVERLAP = 10065;

    private final JetStreamManagement management;
    private final StreamSettings settings;
    private final Map<String, Stream> byTopic = new ConcurrentHashMap<>();

    /**
     * A stream, as far as publishing and subscribing need to know it.
     *
     * @param maxMessageSize the stream's own limit on one message (headers and payload), or -1 for none
     */
    record Stream(String name, List<String> subjects, long maxMessageSize) {

        /** Whether the stream holds exactly this topic and nothing else (true for streams Millrace creates). */
        boolean dedicatedTo(String topic) {
            return subjects.size() == 1 && subjects.get(0).equals(topic);
        }
    }

    Streams(JetStreamManagement management, StreamSettings settings) {
        this.management = management;
        this.settings = settings;
    }

    /** The stream storing {@code topic}, created if needed and allowed. */
    Stream forTopic(String topic) {
        Stream known = byTopic.get(topic);
        if (known != null) {
            return known;
        }
        Stream stream = findOrCreate(topic);
        byTopic.put(topic, stream);
        return stream;
    }

    /** Drops what is known about {@code topic}, after the server said its stream is gone. */
    void forget(String topic) {
        byTopic.remove(topic);
    }

    /** The stream whose subjects cover {@code topic}, if there is one. */
    Optional<Stream> find(String topic) {
        try {
            List<String> names = management.getStreamNames(topic);
            if (names.isEmpty()) {
                return Optional.empty();
            }
            if (names.size() > 1) {
                throw new MessagingException("'" + topic + "' spans the streams " + names + "; a subscription reads "
                        + "one stream, so use a subject of one of them");
            }
            StreamInfo info = management.getStreamInfo(names.get(0));
            StreamConfiguration config = info.getConfiguration();
            return Optional.of(new Stream(config.getName(), List.copyOf(config.getSubjects()),
                    config.getMaximumMessageSize()));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return Optional.empty();
            }
            throw failure("looking up the stream of '" + topic + "'", e);
        } catch (IOException e) {
            throw failure("looking up the stream of '" + topic + "'", e);
        }
    }

    private Stream findOrCreate(String topic) {
        // A few rounds: another client may create a stream for the same subject between our look-up and create.
        for (int round = 0; round < 3; round++) {
            Optional<Stream> existing = find(topic);
            if (existing.isPresent()) {
                return existing.get();
            }
            if (!settings.createStreams()) {
                throw new MessagingException("no JetStream stream stores the subject '" + topic + "', and the option '"
                        + StreamSettings.CREATE_STREAMS + "' is false: create one with this subject first");
            }
            String name = settings.streamName(topic);
            try {
                return create(topic, name);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() == STREAM_NAME_IN_USE) {
                    // Another topic had the same name after the replacement of forbidden characters ("a.b", "a_b").
                    Optional<Stream> created = createUnlessOverlapping(topic, name + "_" + Subjects.shortHash(topic));
                    if (created.isPresent()) {
                        return created.get();
                    }
                } else if (e.getApiErrorCode() != SUBJECTS_OVERLAP) {
                    throw failure("creating the stream '" + name + "' for '" + topic + "'", e);
                }
            }
        }
        throw new MessagingException("could neither find nor create a stream for '" + topic + "'");
    }

    private Optional<Stream> createUnlessOverlapping(String topic, String name) {
        try {
            return Optional.of(create(topic, name));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == SUBJECTS_OVERLAP) {
                return Optional.empty();
            }
            throw failure("creating the stream '" + name + "' for '" + topic + "'", e);
        }
    }

    private Stream create(String topic, String name) throws JetStreamApiException {
        StreamConfiguration.Builder config = StreamConfiguration.builder()
                .name(name)
                .subjects(topic)
                .storageType(settings.storage())
                .retentionPolicy(settings.retention())
                .replicas(settings.replicas())
                .duplicateWindow(settings.duplicateWindow());
        if (settings.maxAge() != null) {
            config.maxAge(settings.maxAge());
        }
        try {
            StreamInfo info = management.addStream(config.build());
            return new Stream(name, List.copyOf(info.getConfiguration().getSubjects()),
                    info.getConfiguration().getMaximumMessageSize());
        } catch (IOException e) {
            throw failure("creating the stream '" + name + "' for '" + topic + "'", e);
        }
    }

    static MessagingException failure(String what, Exception cause) {
        String detail = cause instanceof JetStreamApiException api
                ? api.getErrorDescription() + " (JetStream error " + api.getApiErrorCode() + ")"
                : cause.toString();
        return new MessagingException(what + " failed: " + detail, cause);
    }
}
