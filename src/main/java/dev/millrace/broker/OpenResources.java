package dev.millrace.broker;

import dev.millrace.message.MessagingException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishers and subscribers a connection handed out, so that closing the connection closes them, and a
 * publisher or subscriber asked for while the connection closes is closed rather than leaked. Every adapter's
 * {@link BrokerConnection} needs exactly this, so it lives beside the SPI.
 */
public final class OpenResources {
    private static final Logger log = LoggerFactory.getLogger(OpenResources.class);

    private final String owner;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param owner what the connection reaches, for the message when it is used after close */
    public OpenResources(String owner) {
        this.owner = owner;
    }

    public <T extends AutoCloseable> T add(T resource) {
        ensureOpen();
        open.add(resource);
        if (closed.get()) {
            closeQuietly(resource);
            ensureOpen();
        }
        return resource;
    }

    public void remove(AutoCloseable resource) {
        open.remove(resource);
    }

    public void ensureOpen() {
        if (closed.get()) {
            throw new MessagingException("the connection to " + owner + " is closed");
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Closes everything once, one after the other; returns false if it had been closed before. */
    public boolean closeAll() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        List.copyOf(open).forEach(OpenResources::closeQuietly);
        return true;
    }

    /**
     * Closes everything once, all at the same time, and waits until each is closed; returns false if it had been
     * closed before. For clients whose close waits on the broker (a Kafka consumer leaving its group), so that the
     * connection closes in the time of the slowest rather than of all of them together.
     */
    public boolean closeAllConcurrently() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        try (ExecutorService closers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (AutoCloseable resource : List.copyOf(open)) {
                closers.execute(() -> closeQuietly(resource));
            }
        }
        return true;
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("closing {} failed", resource, e);
        }
    }
}
