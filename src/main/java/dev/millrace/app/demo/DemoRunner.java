package dev.millrace.app.demo;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.flow.CorrelationIndex;
import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Fx;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.flows.DemoEvent;
import dev.millrace.flows.DemoFlow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the talk's demo flow on a connection of the user's choice and tells the correlation index what the demo's
 * publisher and {@code hello_handler} did, so that a greeting's flow reads publisher → incoming_topic →
 * hello_handler → outgoing_topic. Start and stop run in the background; properties change on the FX thread.
 */
public final class DemoRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);
    private static final int REMEMBERED_GREETINGS = 1_000;

    private final Background background;
    private final CorrelationIndex index;
    private final Duration interval;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ManagedConnection> runningOn = new ReadOnlyObjectWrapper<>();
    private final AtomicLong greetings = new AtomicLong();
    // Message id → correlation id of recent greetings: the handler event names only the message.
    private final Map<String, String> correlationOfGreeting = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_GREETINGS;
        }
    };
    private DemoFlow flow;

    public DemoRunner(Background background, CorrelationIndex index, Duration interval) {
        this.background = background;
        this.index = index;
        this.interval = interval;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ManagedConnection> runningOnProperty() {
        return runningOn.getReadOnlyProperty();
    }

    public long greetingsSent() {
        return greetings.get();
    }

    /** Starts the demo on {@code connection}, which must be connected. Completes on the FX thread. */
    public CompletableFuture<Void> start(ManagedConnection connection) {
        if (running.get()) {
            return CompletableFuture.completedFuture(null);
        }
        BrokerConnection brokerConnection = connection.connection().orElseThrow(() ->
                new IllegalStateException("connect '" + connection.name() + "' before running the demo on it"));
        String connectionName = connection.name();
        running.set(true);
        runningOn.set(connection);
        return background.run(() -> {
            DemoFlow started = new DemoFlow(brokerConnection, new DemoFlow.Settings(interval, 0),
                    event -> observe(connectionName, event));
            started.start();
            synchronized (this) {
                flow = started;
            }
            log.info("demo flow started on {}", connectionName);
        }).whenCompleteAsync((ignored, failure) -> {
            if (failure != null) {
                running.set(false);
                runningOn.set(null);
            }
        }, Fx.thread());
    }

    /** Stops the demo; completes on the FX thread once its router has closed. */
    public CompletableFuture<Void> stop() {
        DemoFlow stopping;
        synchronized (this) {
            stopping = flow;
            flow = null;
        }
        if (stopping == null) {
            running.set(false);
            runningOn.set(null);
            return CompletableFuture.completedFuture(null);
        }
        return background.run(stopping::close).whenCompleteAsync((ignored, failure) -> {
            running.set(false);
            runningOn.set(null);
        }, Fx.thread());
    }

    private void observe(String connectionName, DemoEvent event) {
        switch (event) {
            case DemoEvent.Sent sent -> {
                greetings.incrementAndGet();
                synchronized (correlationOfGreeting) {
                    correlationOfGreeting.put(sent.messageId(), sent.correlationId());
                }
                index.published(sent.correlationId(), connectionName, DemoFlow.INCOMING_TOPIC, sent.messageId(),
                        Instant.now(), System.nanoTime());
            }
            case DemoEvent.HandlerMiddleware seen -> {
                String correlationId;
                synchronized (correlationOfGreeting) {
                    correlationId = correlationOfGreeting.getOrDefault(seen.messageId(), "");
                }
                index.handled(correlationId, seen.handler(), seen.messageId(), Instant.now(), System.nanoTime());
            }
            case DemoEvent.Received received -> {
                // The live view captures these messages itself, with their envelopes.
            }
        }
    }

    /** Stops a running demo and waits for it; for shutdown. */
    @Override
    public void close() {
        DemoFlow stopping;
        synchronized (this) {
            stopping = flow;
            flow = null;
        }
        if (stopping != null) {
            stopping.close();
        }
    }
}
