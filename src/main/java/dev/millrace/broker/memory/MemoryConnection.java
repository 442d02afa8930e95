package dev.millrace.broker.memory;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Publisher;
import dev.millrace.message.Subscriber;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** A connection to one memory instance; the instance lives on while other connections use it. */
final class MemoryConnection implements BrokerConnection {
    private final MemoryBrokerAdapter adapter;
    private final MemoryBroker broker;
    private final MemoryAdmin admin;
    private final Set<MemoryPublisher> publishers = ConcurrentHashMap.newKeySet();
    private final Set<MemorySubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    MemoryConnection(MemoryBrokerAdapter adapter, MemoryBroker broker) {
        this.adapter = adapter;
        this.broker = broker;
        this.admin = new MemoryAdmin(this, broker);
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
        ensureOpen();
        MemoryPublisher publisher = new MemoryPublisher(broker, publishers::remove);
        publishers.add(publisher);
        if (closed.get()) {
            publisher.close();
            ensureOpen();
        }
        return publisher;
    }

    @Override
    public Subscriber newSubscriber() {
        ensureOpen();
        MemorySubscriber subscriber = new MemorySubscriber(broker, subscribers::remove);
        subscribers.add(subscriber);
        if (closed.get()) {
            subscriber.close();
            ensureOpen();
        }
        return subscriber;
    }

    @Override
    public BrokerAdmin admin() {
        ensureOpen();
        return admin;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            List.copyOf(publishers).forEach(MemoryPublisher::close);
            List.copyOf(subscribers).forEach(MemorySubscriber::close);
            MemoryInstances.release(broker);
        }
    }

    void ensureOpen() {
        if (closed.get()) {
            throw new MessagingException("the connection to memory instance '" + broker.name() + "' is closed");
        }
    }
}
