package dev.millrace.broker.nats;

import dev.millrace.message.MessagingException;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * The JetStream consumers behind subscriptions: a consumer group is a durable pull consumer (its members share
 * it, so they share its messages); a subscription without a group gets an ephemeral consumer of its own that the
 * server deletes when nobody has pulled from it for a while.
 */
final class Consumers {
    /** How long an ephemeral consumer outlives its last pull request (a crashed app leaves no consumer behind). */
    static final Duration EPHEMERAL_INACTIVITY = Duration.ofMinutes(1);

    private final JetStreamManagement management;
    private final StreamSettings settings;

    /** A consumer to pull from. */
    record Consumer(String stream, String name, boolean ephemeral) {
    }

    Consumers(JetStreamManagement management, StreamSettings settings) {
        this.management = management;
        this.settings = settings;
    }

    /**
     * The durable consumer of {@code options}' group, created if it does not exist; or, without a group, a new
     * ephemeral consumer. An existing durable keeps its position: the start position applies to new consumers only,
     * as a Kafka group's committed offset wins over {@code auto.offset.reset}.
     */
    Consumer forSubscription(Streams.Stream stream, String topic, SubscribeOptions options) {
        String group = options.consumerGroup();
        try {
            if (group == null) {
                ConsumerInfo created = management.addOrUpdateConsumer(stream.name(),
                        configuration(stream, topic, options.start()).inactiveThreshold(EPHEMERAL_INACTIVITY).build());
                return new Consumer(stream.name(), created.getName(), true);
            }
            String name = durableName(stream, topic, group);
            if (!exists(stream.name(), name)) {
                createDurable(stream, topic, options.start(), name);
            }
            return new Consumer(stream.name(), name, false);
        } catch (JetStreamApiException | IOException e) {
            throw Streams.failure("creating a consumer on stream '" + stream.name() + "' for '" + topic + "'", e);
        }
    }

    /** Whether the server says the consumer (or its stream) does not exist; false when it cannot tell. */
    boolean isGone(Consumer consumer) {
        try {
            return !exists(consumer.stream(), consumer.name());
        } catch (JetStreamApiException e) {
            return e.getApiErrorCode() == Streams.STREAM_NOT_FOUND;
        } catch (IOException unreachable) {
            return false;
        }
    }

    /** Deletes an ephemeral consumer; the server would after {@link #EPHEMERAL_INACTIVITY}, this is sooner. */
    void delete(Consumer consumer) throws IOException, JetStreamApiException {
        management.deleteConsumer(consumer.stream(), consumer.name());
    }

    private void createDurable(Streams.Stream stream, String topic, StartPosition start, String name)
            throws JetStreamApiException, IOException {
        try {
            management.addOrUpdateConsumer(stream.name(), configuration(stream, topic, start).durable(name).build());
        } catch (JetStreamApiException e) {
            // Another member of the group created it first with another start position: join that one.
            if (!exists(stream.name(), name)) {
                throw e;
            }
        }
    }

    private boolean exists(String stream, String name) throws IOException, JetStreamApiException {
        try {
            management.getConsumerInfo(stream, name);
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == Streams.CONSUMER_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private ConsumerConfiguration.Builder configuration(Streams.Stream stream, String topic, StartPosition start) {
        ConsumerConfiguration.Builder config = ConsumerConfiguration.builder()
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(settings.ackWait())
                .maxDeliver(settings.maxDeliver())
                .maxAckPending(settings.maxAckPending());
        if (!stream.dedicatedTo(topic)) {
            config.filterSubject(topic);
        }
        switch (start) {
            case StartPosition.Committed committed -> config.deliverPolicy(DeliverPolicy.All);
            case StartPosition.Earliest earliest -> config.deliverPolicy(DeliverPolicy.All);
            case StartPosition.Latest latest -> config.deliverPolicy(DeliverPolicy.New);
            case StartPosition.AtSequence at -> {
                if (at.sequence() < 1) {
                    throw new MessagingException("JetStream sequences start at 1, got " + at.sequence());
                }
                config.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(at.sequence());
            }
            case StartPosition.AtTime at ->
                    config.deliverPolicy(DeliverPolicy.ByStartTime).startTime(at.time().atZone(ZoneOffset.UTC));
        }
        return config;
    }

    /**
     * The durable name of a group: the group itself on a stream of its own, group and topic on a stream shared by
     * several subjects (one durable reads one subject filter). Characters names may not contain become {@code _},
     * with a hash of the original to keep different groups apart.
     */
    static String durableName(Streams.Stream stream, String topic, String group) {
        String base = stream.dedicatedTo(topic) ? group : group + "-" + topic;
        String name = Subjects.toName(base);
        return name.equals(base) ? name : name + "_" + Subjects.shortHash(base);
    }
}
