package dev.millrace.record;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording store of one data directory: an embedded H2 database file (schema by Flyway migrations), plus the
 * secret store next to it. This is the entry point of the {@code record} package; everything else is reached from
 * here:
 *
 * <ul>
 *   <li>{@link #recorder()}: record subscriptions of any broker connection into a new session
 *       ({@link Recorder#start}, then poll {@link Recording#stats()} or add a {@link RecordingListener};
 *       {@link Recording#stop()} flushes and marks the session complete);</li>
 *   <li>{@link #query()}: list sessions, page through entries by keyset ({@link SessionQuery#read}), filter by
 *       topic, time, key, header, correlation id and payload text, follow a correlation id across sessions;</li>
 *   <li>{@link #exporter()} / {@link #importer()}: JSON Lines (lossless) and CSV out, JSON Lines in, streaming;</li>
 *   <li>{@link #replayer()}: send a session, or part of one, to any broker with a topic mapping and timing;</li>
 *   <li>{@link #profiles()}: connection profiles, with secret options kept out of the database.</li>
 * </ul>
 *
 * <p><b>Threads.</b> Every service is thread-safe and plain Java; their calls block on disk I/O, so a UI calls them
 * from a worker thread, never from its event thread. Long operations (recording, replay) run on threads of their
 * own and report through snapshots and listeners. Never {@link Thread#interrupt() interrupt} a thread that is inside
 * one of these calls: an interrupt during H2 file I/O can corrupt the database; every long operation here has its
 * own stop or cancel method instead.
 *
 * <p><b>One process.</b> H2 runs embedded and holds a file lock: a second process opening the same directory gets a
 * {@link StoreLockedException}. No web console or TCP server is started.
 *
 * <p><b>Start-up.</b> A session still {@code recording} when the store opens belongs to a process that died: it is
 * marked {@link SessionStatus#INTERRUPTED} and stays readable, with everything that was committed.
 */
public final class RecordStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);

    private final Path directory;
    private final Database database;
    private final ProfileStore profiles;
    private final SessionQuery query;
    private final Recorder recorder;
    private final Exporter exporter;
    private final Importer importer;
    private final Replayer replayer;

    private RecordStore(Path directory, Database database, SecretStore secrets, OptionCatalog catalog) {
        this.directory = directory;
        this.database = database;
        this.profiles = new ProfileStore(database, secrets, catalog);
        this.query = new SessionQuery(database);
        this.recorder = new Recorder(database, profiles);
        this.exporter = new Exporter(query);
        this.importer = new Importer(database);
        this.replayer = new Replayer(query);
    }

    /** Opens the store in {@code dataDirectory} (see {@link DataDirectory#resolve}), creating it if needed. */
    public static RecordStore open(Path dataDirectory) {
        return open(dataDirectory, OptionCatalog.installedAdapters(), SecretStore.forDataDirectory(dataDirectory));
    }

    /** Opens the store with a given catalog of option descriptions and secret store (tests, other adapters). */
    public static RecordStore open(Path dataDirectory, OptionCatalog catalog, SecretStore secrets) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Database database = Database.open(directory);
        try {
            LegacyMessages.convert(database);
            int interrupted = database.transaction(SessionTable::markInterrupted);
            if (interrupted > 0) {
                LOG.warn("{} session(s) were still recording when their process ended; marked interrupted",
                        interrupted);
            }
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new RecordStore(directory, database, secrets, catalog);
    }

    public Path dataDirectory() {
        return directory;
    }

    /** The H2 database file. */
    public Path databaseFile() {
        return database.file();
    }

    public Recorder recorder() {
        return recorder;
    }

    public SessionQuery query() {
        return query;
    }

    public Exporter exporter() {
        return exporter;
    }

    public Importer importer() {
        return importer;
    }

    public Replayer replayer() {
        return replayer;
    }

    public ProfileStore profiles() {
        return profiles;
    }

    /**
     * Runs {@code work} in one transaction of this store's database, for the tables other packages keep in it (the
     * comparisons of {@code dev.millrace.compare}, schema in the same Flyway migrations): committed if it returns,
     * rolled back if it throws. The rules above hold: a worker thread, never interrupted while it works here.
     *
     * @throws RecordStoreException naming the database file when the work fails with an {@link SQLException}
     */
    public <T> T transaction(SqlWork<T> work) {
        return database.transaction(work);
    }

    /** The database itself, for tests in this package that must reach under the services (e.g. to break it). */
    Database database() {
        return database;
    }

    /** Deletes a session and its entries; false if there was none. Refused while it is being recorded. */
    public boolean deleteSession(long sessionId) {
        if (recorder.running().stream().anyMatch(recording -> recording.sessionId() == sessionId)) {
            throw new IllegalStateException("session " + sessionId + " is being recorded; stop it first");
        }
        return database.transaction(connection -> SessionTable.delete(connection, sessionId));
    }

    /** Renames a session and replaces its notes. */
    public void describeSession(long sessionId, String name, String notes) {
        database.transaction(connection -> {
            SessionTable.rename(connection, sessionId, name, notes);
            return null;
        });
    }

    /** Cancels running replays, stops running recordings (flushing them), then closes the database. */
    @Override
    public void close() {
        replayer.cancelAll(Duration.ofSeconds(10));
        recorder.stopAll();
        database.close();
    }
}
