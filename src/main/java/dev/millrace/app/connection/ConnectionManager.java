package dev.millrace.app.connection;

import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Fx;
import dev.millrace.app.fx.Problem;
import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profiles and their connections. Methods are called on the FX thread and return at once: connecting, testing,
 * saving and closing run in the background, and a broker that does not answer within the connect timeout is
 * reported as failed, never waited for on the FX thread.
 */
public final class ConnectionManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionManager.class);

    private final ProfileRepository repository;
    private final Background background;
    private final Duration connectTimeout;
    private final Function<String, Optional<BrokerAdapter>> adapters;
    private final ObservableList<ManagedConnection> connections = FXCollections.observableArrayList(
            connection -> new Observable[] {connection.stateProperty(), connection.profileProperty()});
    private final ReadOnlyStringWrapper storageProblem = new ReadOnlyStringWrapper("");
    private final FilteredList<ManagedConnection> connected = new FilteredList<>(connections, ManagedConnection::isConnected);

    public ConnectionManager(ProfileRepository repository, Background background, Duration connectTimeout) {
        this(repository, background, connectTimeout, Brokers::find);
    }

    /** @param adapters finds an adapter by id: the installed ones, or a test's */
    public ConnectionManager(ProfileRepository repository, Background background, Duration connectTimeout,
                             Function<String, Optional<BrokerAdapter>> adapters) {
        this.repository = repository;
        this.background = background;
        this.connectTimeout = connectTimeout;
        this.adapters = adapters;
    }

    public ObservableList<ManagedConnection> connections() {
        return connections;
    }

    /** Why profiles cannot be saved this run, or empty. */
    public ReadOnlyStringProperty storageProblemProperty() {
        return storageProblem.getReadOnlyProperty();
    }

    /** The connections that are open right now; updates as states change. */
    public ObservableList<ManagedConnection> connected() {
        return connected;
    }

    /**
     * Loads the saved profiles; when there are none (first start), creates {@code firstStartProfiles}. Then connects
     * every profile marked "connect on start". Completes on the FX thread once the profiles are listed.
     */
    public CompletableFuture<Void> load(List<ConnectionProfile> firstStartProfiles) {
        return background.call(() -> {
            try {
                List<ConnectionProfile> saved = repository.loadAll();
                if (saved.isEmpty()) {
                    firstStartProfiles.forEach(repository::save);
                    return firstStartProfiles;
                }
                return saved;
            } catch (RuntimeException e) {
                // Without the profile store the workbench still works, on the built-in profiles, for this run.
                Problem problem = Problem.of(e);
                log.warn("connection profiles could not be loaded: {}", problem.summary());
                Fx.run(() -> storageProblem.set("Connection profiles are not saved: " + problem.summary()));
                return firstStartProfiles;
            }
        }).thenAcceptAsync(profiles -> {
            profiles.forEach(profile -> connections.add(new ManagedConnection(profile)));
            connections.stream().filter(c -> c.profile().connectOnStart()).forEach(this::connect);
        }, Fx.thread());
    }

    public ManagedConnection add(ConnectionProfile profile) {
        ManagedConnection managed = new ManagedConnection(profile);
        connections.add(managed);
        persist(profile);
        return managed;
    }

    /** Saves the edited profile; an open connection keeps its old options until it is reconnected. */
    public void update(ManagedConnection managed, ConnectionProfile profile) {
        managed.profileProperty().set(profile);
        persist(profile);
    }

    public ManagedConnection duplicate(ManagedConnection managed) {
        String base = managed.name() + " (copy)";
        String name = base;
        for (int n = 2; nameTaken(name); n++) {
            name = base.substring(0, base.length() - 1) + " " + n + ")";
        }
        return add(managed.profile().duplicate(name));
    }

    public boolean nameTaken(String name) {
        return connections.stream().anyMatch(c -> c.name().equalsIgnoreCase(name.trim()));
    }

    public CompletableFuture<Void> remove(ManagedConnection managed) {
        connections.remove(managed);
        CompletableFuture<Void> closing = disconnect(managed);
        String id = managed.profile().id();
        return closing.thenCompose(ignored -> background.run(() -> repository.delete(id)));
    }

    /** Opens the connection; completes (on the FX thread) with it, or exceptionally with the failure. */
    public CompletableFuture<BrokerConnection> connect(ManagedConnection managed) {
        if (managed.state() instanceof ConnectionState.Connected connected) {
            return CompletableFuture.completedFuture(connected.connection());
        }
        ConnectionProfile profile = managed.profile();
        managed.setState(ConnectionState.CONNECTING);
        CompletableFuture<BrokerConnection> opening = background.call(() -> open(profile));
        // If the broker answers only after the timeout, close what it gave us: the user was told it failed.
        CompletableFuture<BrokerConnection> bounded = opening.copy().orTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        bounded.whenComplete((connection, failure) -> {
            if (failure != null) {
                opening.thenAccept(BrokerConnection::close);
            }
        });
        return bounded.handleAsync((connection, failure) -> {
            if (failure != null) {
                Problem problem = Problem.unwrap(failure) instanceof TimeoutException
                        ? Problem.of("The broker did not answer within " + readable(connectTimeout) + ".")
                        : Problem.of(failure);
                log.info("connecting {} failed: {}", profile.name(), problem.summary());
                managed.setState(new ConnectionState.Failed(problem));
                throw new CompletionException(Problem.unwrap(failure));
            }
            if (!connections.contains(managed)) {
                background.run(connection::close);
                throw new CompletionException(
                        new IllegalStateException("the profile was removed while connecting"));
            }
            managed.setState(new ConnectionState.Connected(connection, Instant.now()));
            log.info("connected {} ({})", profile.name(), profile.adapterId());
            return connection;
        }, Fx.thread());
    }

    public CompletableFuture<Void> disconnect(ManagedConnection managed) {
        if (!(managed.state() instanceof ConnectionState.Connected connected)) {
            if (managed.state() instanceof ConnectionState.Failed) {
                managed.setState(ConnectionState.DISCONNECTED);
            }
            return CompletableFuture.completedFuture(null);
        }
        managed.setState(ConnectionState.DISCONNECTING);
        return background.run(connected.connection()::close)
                .handleAsync((ignored, failure) -> {
                    if (failure != null) {
                        log.warn("closing {} failed", managed.name(), failure);
                    }
                    managed.setState(ConnectionState.DISCONNECTED);
                    return null;
                }, Fx.thread());
    }

    /** Connects with {@code profile}, lists the topics and disconnects; completes on the FX thread, never fails. */
    public CompletableFuture<TestResult> test(ConnectionProfile profile) {
        CompletableFuture<TestResult> testing = background.call(() -> {
            long started = System.nanoTime();
            try (BrokerConnection connection = open(profile)) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                try {
                    return new TestResult.Success(elapsed, connection.admin().listTopics().size());
                } catch (RuntimeException e) {
                    return new TestResult.PartialSuccess(elapsed, Problem.of(e));
                }
            }
        });
        return testing.copy()
                .orTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> new TestResult.Failure(
                        Problem.unwrap(failure) instanceof TimeoutException
                                ? Problem.of("The broker did not answer within " + readable(connectTimeout) + ".")
                                : Problem.of(failure)))
                .thenApplyAsync(result -> result, Fx.thread());
    }

    private BrokerConnection open(ConnectionProfile profile) {
        BrokerAdapter adapter = adapters.apply(profile.adapterId()).orElseThrow(() -> new IllegalArgumentException(
                "the broker adapter '" + profile.adapterId() + "' is not installed in this build"));
        return adapter.connect(profile.options());
    }

    private static String readable(Duration duration) {
        return duration.toMillis() < 1_000 ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
    }

    private void persist(ConnectionProfile profile) {
        background.run(() -> repository.save(profile)).exceptionally(failure -> {
            log.warn("saving profile {} failed: {}", profile.name(), Problem.of(failure).summary());
            return null;
        });
    }

    /** Closes every open connection (blocking, bounded by the adapters' own close). */
    @Override
    public void close() {
        for (ManagedConnection managed : List.copyOf(connections)) {
            managed.connection().ifPresent(connection -> {
                try {
                    connection.close();
                } catch (RuntimeException e) {
                    log.warn("closing {} failed", managed.name(), e);
                }
            });
        }
    }
}
