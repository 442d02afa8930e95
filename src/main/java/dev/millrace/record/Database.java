package dev.millrace.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The embedded H2 database of a data directory: one file, opened in this process only, schema brought up to date by
 * Flyway. H2 runs embedded: no web console and no TCP server are ever started.
 *
 * <p>Callers must not interrupt a thread while it works here: an interrupt closes H2's file channel mid-write and
 * can corrupt the file. Everything in this package cancels with flags instead.
 */
final class Database implements AutoCloseable {
    static final String FILE_NAME = "millrace";
    private static final String USER = "millrace";

    private final Path file;
    private final JdbcConnectionPool pool;
    private final Connection anchor;

    private Database(Path file, JdbcConnectionPool pool, Connection anchor) {
        this.file = file;
        this.pool = pool;
        this.anchor = anchor;
    }

    /**
     * Opens (creating if needed) the database in {@code directory} and migrates its schema.
     *
     * @throws StoreLockedException when another process holds the file
     */
    static Database open(Path directory) {
        Path base = directory.resolve(FILE_NAME).toAbsolutePath();
        Path file = Path.of(base + ".mv.db");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new RecordStoreException("cannot create the data directory " + directory + ": " + e.getMessage(), e);
        }
        // WRITE_DELAY=0: a commit reaches the file before it returns, so "committed, then acked" holds across a
        // crash of this process. DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database under a
        // recording that our shutdown hook is still flushing. LAZY_QUERY_EXECUTION: rows are read as the result
        // is walked, so a page of large payloads that stops early never holds the rest. TRACE_LEVEL_FILE=0: no
        // .trace.db file and no second, noisier report of errors this class already turns into exceptions.
        String url = "jdbc:h2:file:" + base
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LAZY_QUERY_EXECUTION=TRUE;TRACE_LEVEL_FILE=0";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, USER, "");
        pool.setMaxConnections(32);
        Connection anchor;
        try {
            // Held for the life of the store, so that H2 keeps the database (and its file lock) open between uses.
            anchor = pool.getConnection();
        } catch (SQLException e) {
            pool.dispose();
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new StoreLockedException(file, e);
            }
            throw new RecordStoreException("cannot open the recording store " + file + ": " + e.getMessage(), e);
        }
        Database database = new Database(file, pool, anchor);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private void migrate() {
        String product = call(connection -> connection.getMetaData().getDatabaseProductName());
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("binary", product.toLowerCase(Locale.ROOT).contains("postgres")
                            ? "BYTEA" : "VARBINARY"))
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new RecordStoreException("cannot bring the schema of " + file + " up to date: " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    /** A pooled connection in auto-commit mode; close it to give it back. */
    Connection connection() throws SQLException {
        Connection connection = pool.getConnection();
        connection.setAutoCommit(true);
        return connection;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    <T> T call(SqlWork<T> work) {
        try (Connection connection = connection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    <T> T transaction(SqlWork<T> work) {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    RecordStoreException failure(SQLException e) {
        return new RecordStoreException("recording store " + file + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        pool.dispose();
        try {
            anchor.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }
}
