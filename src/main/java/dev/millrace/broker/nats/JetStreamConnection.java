package dev.millrace.broker.nats;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.OpenResources;
import dev.millrace.message.Publisher;
import dev.millrace.message.Subscriber;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;

/** A connection to a NATS server with JetStream. */
final class JetStreamConnection implements BrokerConnection {
    private final JetStreamAdapter adapter;
    private final NatsClient client;
    private final NatsSettings settings;
    private final StreamSettings streamSettings;
    private final JetStream jetStream;
    private final Streams streams;
    private final Consumers consumers;
    private final JetStreamAdmin admin;
    private final OpenResources open;
    private final Releases releases = new Releases();
    private final String apiPrefix;

    JetStreamConnection(JetStreamAdapter adapter, NatsClient client, NatsSettings settings,
            StreamSettings streamSettings, JetStream jetStream, JetStreamManagement management, String apiPrefix) {
        this.adapter = adapter;
        this.client = client;
        this.settings = settings;
        this.streamSettings = streamSettings;
        this.jetStream = jetStream;
        this.streams = new Streams(management, streamSettings);
        this.consumers = new Consumers(management, streamSettings);
        this.admin = new JetStreamAdmin(management, streams);
        this.apiPrefix = apiPrefix;
        this.open = new OpenResources("JetStream at " + settings.describeServers());
    }

    @Override
    public BrokerAdapter adapter() {
        return adapter;
    }

    /** What streams with these options guarantee, with the payload limit this server announced. */
    @Override
    public Capabilities capabilities() {
        return new Capabilities(JetStreamAdapter.features(streamSettings), client.maxPayload());
    }

    @Override
    public Publisher newPublisher() {
        return open.add(new JetStreamPublisher(jetStream, streams, client, settings.requestTimeout(), open::remove));
    }

    @Override
    public Subscriber newSubscriber() {
        return open.add(new JetStreamSubscriber(client, apiPrefix, streams, consumers, streamSettings.pullBatch(),
                releases, open::remove));
    }

    @Override
    public BrokerAdmin admin() {
        open.ensureOpen();
        return admin;
    }

    /**
     * Closes the subscriptions, lets them hand their unacked messages back (a few seconds at most, see
     * {@link JetStreamSubscription}), then closes the client.
     */
    @Override
    public void close() {
        if (open.closeAll()) {
            releases.await(JetStreamSubscription.RELEASE_TIMEOUT);
            client.close();
        }
    }
}
