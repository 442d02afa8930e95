package dev.millrace.broker.nats;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.Feature;
import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionValues;
import dev.millrace.message.ConnectionException;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * NATS JetStream: one stream per topic (or the existing stream that stores the subject), durable pull consumers as
 * consumer groups, at-least-once delivery with ack and nak, and publishing that waits for the stream's
 * acknowledgement.
 *
 * <p>Declared: persistent (an unacked message comes back: nak, close and the ack wait all return it to the
 * consumer), new subscribers replay the history (while retention is {@code limits}), restartable (streams and
 * consumers are on disk; subscriptions pull again after a reconnect), order with a single subscriber (a nakked
 * message comes back after the ones already fetched, so order holds while nothing is nakked), start positions and
 * peek. Not declared: exactly-once (a message whose ack was lost is delivered again), parallel streams (a
 * subscription hands out one message at a time), partitions.
 */
public final class JetStreamAdapter implements BrokerAdapter {
    static final String ID = "jetstream";

    private static final List<OptionSpec> OPTIONS = Stream.of(NatsSettings.OPTIONS, JetStreamApi.OPTIONS,
            StreamSettings.OPTIONS).flatMap(List::stream).toList();
    private static final StreamSettings DEFAULTS = StreamSettings.from(OptionValues.parse(OPTIONS, Map.of()));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "NATS JetStream";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    /** The capabilities with default options; a connection reports its own (they depend on the retention). */
    @Override
    public Capabilities capabilities() {
        return new Capabilities(features(DEFAULTS), NatsAdapter.DEFAULT_MAX_PAYLOAD);
    }

    static Set<Feature> features(StreamSettings settings) {
        Set<Feature> features = EnumSet.of(
                Feature.PERSISTENT,
                Feature.RESTARTABLE,
                Feature.GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER,
                Feature.NETWORK,
                Feature.AUTHENTICATION,
                Feature.KEYS,
                Feature.WILDCARDS,
                Feature.START_POSITIONS,
                Feature.PEEK);
        if (settings.keepsHistory()) {
            features.add(Feature.NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES);
        }
        // A work queue allows one consumer per subject, so groups cannot each receive every message.
        if (settings.retention() != io.nats.client.api.RetentionPolicy.WorkQueue) {
            features.add(Feature.CONSUMER_GROUPS);
        }
        return features;
    }

    @Override
    public BrokerConnection connect(Map<String, String> options) {
        OptionValues values = OptionValues.parse(OPTIONS, options);
        NatsSettings settings = NatsSettings.from(values);
        JetStreamApi api = JetStreamApi.from(values);
        StreamSettings streamSettings = StreamSettings.from(values);
        NatsClient client = NatsClient.connect(settings);
        try {
            JetStreamOptions jetStreamOptions = api.clientOptions(settings.requestTimeout());
            JetStreamManagement management = client.connection().jetStreamManagement(jetStreamOptions);
            // Fails fast on a server (or account) without JetStream, instead of at the first publish.
            management.getAccountStatistics();
            JetStream jetStream = client.connection().jetStream(jetStreamOptions);
            return new JetStreamConnection(this, client, settings, streamSettings, jetStream, management,
                    jetStreamOptions.getPrefix());
        } catch (IOException | JetStreamApiException e) {
            client.close();
            throw new ConnectionException(ConnectionException.Reason.OTHER, "the NATS server at "
                    + settings.describeServers() + " does not offer " + api.describe() + missingJetStreamHint(api)
                    + ": " + e.getMessage(), e);
        }
    }

    private static String missingJetStreamHint(JetStreamApi api) {
        if (api.domain() != null) {
            return " (is that the domain of this server, or of a server it links to as a leaf node?)";
        }
        return api.apiPrefix() != null ? " (does the account import the JetStream API under that prefix?)"
                : " (start nats-server with -js)";
    }
}
