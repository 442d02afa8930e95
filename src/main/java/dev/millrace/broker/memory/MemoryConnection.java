package dev.millrace.broker.memory;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.OpenResources;
import dev.millrace.message.Publisher;
import dev.millrace.message.Subscriber;

/** A connection to one memory instance; the instance lives on while other connections use it. */
final class MemoryConnection implements BrokerConnection {
    private final MemoryBrokerAdapter adapter;
    private final MemoryBroker broker;
    private final MemoryAdmin admin;
    private final OpenResources resources;

    MemoryConnection(MemoryBrokerAdapter adapter, MemoryBroker broker) {
        this.adapter = adapter;
        this.broker = broker;
        this.admin = new MemoryAdmin(this, broker);
        this.resources = new OpenResources("memory instance '" + broker.name() + "'");
    }

    @Override
    public BrokerAdapter adapter() {
        return adapter;
    }

    @Override
    public Capabilities capabilities() {
        return broker.settings().capabilities();
    }

    @Override
    public Publisher newPublisher() {
        resources.ensureOpen();
        return resources.add(new MemoryPublisher(broker, resources::remove));
    }

    @Override
    public Subscriber newSubscriber() {
        resources.ensureOpen();
        return resources.add(new MemorySubscriber(broker, resources::remove));
    }

    @Override
    public BrokerAdmin admin() {
        ensureOpen();
        return admin;
    }

    @Override
    public void close() {
        if (resources.closeAll()) {
            MemoryInstances.release(broker);
        }
    }

    void ensureOpen() {
        resources.ensureOpen();
    }
}
