package dev.millrace.broker.nats;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.OpenResources;
import dev.millrace.message.Publisher;
import dev.millrace.message.Subscriber;

/** A connection to a core NATS server. */
final class CoreNatsConnection implements BrokerConnection {
    private final NatsAdapter adapter;
    private final NatsClient client;
    private final NatsSettings settings;
    private final long pendingBytes;
    private final CoreAdmin admin;
    private final OpenResources open;

    CoreNatsConnection(NatsAdapter adapter, NatsClient client, NatsSettings settings, MonitoringClient monitoring,
            long pendingBytes) {
        this.adapter = adapter;
        this.client = client;
        this.settings = settings;
        this.pendingBytes = pendingBytes;
        this.admin = new CoreAdmin(monitoring);
        this.open = new OpenResources("NATS at " + settings.describeServers());
    }

    @Override
    public BrokerAdapter adapter() {
        return adapter;
    }

    /** The adapter's features, with the payload limit this server announced. */
    @Override
    public Capabilities capabilities() {
        return new Capabilities(adapter.capabilities().features(), client.maxPayload());
    }

    @Override
    public Publisher newPublisher() {
        return open.add(new CorePublisher(client, settings.requestTimeout(), open::remove));
    }

    @Override
    public Subscriber newSubscriber() {
        return open.add(new CoreSubscriber(client, pendingBytes, settings.requestTimeout(),
                open::remove));
    }

    @Override
    public BrokerAdmin admin() {
        open.ensureOpen();
        return admin;
    }

    @Override
    public void close() {
        if (open.closeAll()) {
            client.close();
        }
    }
}
