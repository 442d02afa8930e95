package dev.millrace.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.millrace.record.RecordStore;
import dev.millrace.record.RecordStoreException;
import dev.millrace.record.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Past comparisons, kept in the H2 database of a data directory (tables {@code comparison_run} and
 * {@code comparison_result}, see the V4 migration) beside the recorded sessions, so that runs can be listed,
 * reopened, rendered again in any format and set side by side.
 *
 * <p>Blocking JDBC: call from a worker thread in a UI, and never interrupt it (see {@link RecordStore}). The
 * {@link RecordStore} stays open for as long as this store is used; closing it is its owner's business.
 */
public final class ComparisonStore {
    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() { };
    private static final TypeReference<List<String>> NOTES = new TypeReference<>() { };
    private static final TypeReference<List<ReferenceResult>> REFERENCES = new TypeReference<>() { };
    private static final TypeReference<List<LatencySummary.Point>> CURVE = new TypeReference<>() { };

    private final RecordStore store;

    public ComparisonStore(RecordStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * One line of the list of past runs.
     *
     * @param status  {@code complete}, {@code partial} or {@code cancelled}; see {@link #statusOf}
     * @param brokers the columns' labels, in the order they ran
     */
    public record Entry(String id, String workload, Instant startedAt, Instant finishedAt, String status,
                        List<String> brokers) {
        public Entry {
            brokers = List.copyOf(brokers);
        }
    }

    /** The database file the comparisons are kept in, for messages to people. */
    public String location() {
        return store.databaseFile().toString();
    }

    /** Stores {@code result} in one transaction, replacing a stored run of the same id. */
    public void save(ComparisonResult result) {
        transaction(connection -> {
            delete(connection, result.id());
            insertRun(connection, result);
            for (int i = 0; i < result.brokers().size(); i++) {
                insertBroker(connection, result.id(), i, result.brokers().get(i));
            }
            return null;
        }, "cannot store comparison " + result.id());
    }

    /** The stored comparison {@code id}, if there is one. */
    public Optional<ComparisonResult> load(String id) {
        return transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT workload, started_at, ended_at, "
                    + "environment, command, reference_runs FROM comparison_run WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Workload workload = Workloads.parse(row.getString("workload"), "stored comparison " + id);
                    return Optional.of(new ComparisonResult(id, workload, instant(row, "started_at"),
                            instant(row, "ended_at"), json(row.getString("environment"), RunEnvironment.class),
                            row.getString("command"), brokers(connection, id),
                            json(row.getString("reference_runs"), REFERENCES)));
                }
            }
        }, "cannot read comparison " + id);
    }

    /** Every stored comparison, newest first. */
    public List<Entry> list() {
        return transaction(connection -> {
            Map<String, List<String>> labels = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT run_id, label FROM comparison_result ORDER BY run_id, position");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    labels.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getString(2));
                }
            }
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, workload_name, started_at, "
                    + "ended_at, status FROM comparison_run ORDER BY started_at DESC, id DESC");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString("id");
                    entries.add(new Entry(id, rows.getString("workload_name"), instant(rows, "started_at"),
                            instant(rows, "ended_at"), rows.getString("status"), labels.getOrDefault(id, List.of())));
                }
            }
            return entries;
        }, "cannot list the stored comparisons");
    }

    /** Deletes the comparison {@code id} and its columns; false if there was none. */
    public boolean delete(String id) {
        return transaction(connection -> delete(connection, id), "cannot delete comparison " + id);
    }

    /** {@code cancelled} when any column was cancelled, else {@code complete} when all were measured. */
    public static String statusOf(ComparisonResult result) {
        if (result.brokers().stream().anyMatch(broker -> broker.outcome() instanceof RunOutcome.Cancelled)) {
            return "cancelled";
        }
        return result.allMeasured() ? "complete" : "partial";
    }

    private static boolean delete(Connection connection, String id) throws SQLException {
        // The run's columns go with it: ON DELETE CASCADE.
        try (PreparedStatement run = connection.prepareStatement("DELETE FROM comparison_run WHERE id = ?")) {
            run.setString(1, id);
            return run.executeUpdate() > 0;
        }
    }

    private static void insertRun(Connection connection, ComparisonResult result) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO comparison_run (id, workload_name, "
                + "workload, started_at, ended_at, environment, status, command, reference_runs) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, result.id());
            insert.setString(2, result.workload().name());
            insert.setString(3, Workloads.toJson(result.workload()));
            insert.setObject(4, timestamp(result.startedAt()));
            insert.setObject(5, timestamp(result.finishedAt()));
            insert.setString(6, json(result.environment()));
            insert.setString(7, statusOf(result));
            insert.setString(8, result.command());
            insert.setString(9, json(result.references()));
            insert.executeUpdate();
        }
    }

    private static void insertBroker(Connection connection, String runId, int position, BrokerResult broker)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO comparison_result (run_id, position, "
                + "label, adapter_id, display_name, options, features, notes, status, reason, sent, received, "
                + "duplicates, errors, first_error, warmup_sent, warmup_received, publish_rate, consume_rate, "
                + "publish_seconds, latency_count, latency_min_ns, latency_p50_ns, latency_p90_ns, latency_p99_ns, "
                + "latency_p999_ns, latency_max_ns, latency_mean_ns, latency_curve, publish_latency) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int column = 1;
            insert.setString(column++, runId);
            insert.setInt(column++, position);
            insert.setString(column++, broker.label());
            insert.setString(column++, broker.adapterId());
            insert.setString(column++, broker.displayName());
            insert.setString(column++, json(broker.options()));
            insert.setString(column++, json(broker.features()));
            insert.setString(column++, json(broker.notes()));
            insert.setString(column++, broker.outcome().status());
            insert.setString(column++, switch (broker.outcome()) {
                case RunOutcome.Measured measured -> null;
                case RunOutcome.Unreachable unreachable -> unreachable.reason();
                case RunOutcome.Failed failed -> failed.reason();
                case RunOutcome.Cancelled cancelled -> cancelled.reason();
            });
            Metrics metrics = broker.metrics().orElse(null);
            if (metrics == null) {
                for (; column <= 30; column++) {
                    insert.setNull(column, Types.NULL);
                }
            } else {
                LatencySummary latency = metrics.endToEnd();
                insert.setLong(column++, metrics.sent());
                insert.setLong(column++, metrics.received());
                insert.setLong(column++, metrics.duplicates());
                insert.setLong(column++, metrics.errors());
                insert.setString(column++, metrics.firstError());
                insert.setLong(column++, metrics.warmupSent());
                insert.setLong(column++, metrics.warmupReceived());
                insert.setDouble(column++, metrics.publishRate());
                insert.setDouble(column++, metrics.consumeRate());
                insert.setDouble(column++, metrics.publishSeconds());
                insert.setLong(column++, latency.count());
                insert.setLong(column++, latency.minNanos());
                insert.setLong(column++, latency.p50Nanos());
                insert.setLong(column++, latency.p90Nanos());
                insert.setLong(column++, latency.p99Nanos());
                insert.setLong(column++, latency.p999Nanos());
                insert.setLong(column++, latency.maxNanos());
                insert.setDouble(column++, latency.meanNanos());
                insert.setString(column++, json(latency.curve()));
                insert.setString(column, json(metrics.publishLatency()));
            }
            insert.executeUpdate();
        }
    }

    private static List<BrokerResult> brokers(Connection connection, String runId) throws SQLException {
        List<BrokerResult> brokers = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM comparison_result WHERE run_id = ? ORDER BY position")) {
            select.setString(1, runId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    brokers.add(new BrokerResult(row.getString("label"), row.getString("adapter_id"),
                            row.getString("display_name"), json(row.getString("options"), OPTIONS),
                            json(row.getString("features"), BrokerFeatures.class),
                            json(row.getString("notes"), NOTES), outcome(row)));
                }
            }
        }
        return brokers;
    }

    private static RunOutcome outcome(ResultSet row) throws SQLException {
        String reason = row.getString("reason");
        return switch (row.getString("status")) {
            case "measured" -> new RunOutcome.Measured(new Metrics(row.getLong("sent"), row.getLong("received"),
                    row.getLong("duplicates"), row.getLong("errors"), row.getString("first_error"),
                    row.getLong("warmup_sent"), row.getLong("warmup_received"), row.getDouble("publish_rate"),
                    row.getDouble("consume_rate"), row.getDouble("publish_seconds"),
                    new LatencySummary(row.getLong("latency_count"), row.getLong("latency_min_ns"),
                            row.getLong("latency_p50_ns"), row.getLong("latency_p90_ns"),
                            row.getLong("latency_p99_ns"), row.getLong("latency_p999_ns"),
                            row.getLong("latency_max_ns"), row.getDouble("latency_mean_ns"),
                            json(row.getString("latency_curve"), CURVE)),
                    json(row.getString("publish_latency"), LatencySummary.class)));
            case "unreachable" -> new RunOutcome.Unreachable(reason);
            case "failed" -> new RunOutcome.Failed(reason);
            case "cancelled" -> new RunOutcome.Cancelled(reason);
            default -> throw new SQLException("unknown broker status '" + row.getString("status") + "'");
        };
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static String json(Object value) throws SQLException {
        try {
            return CompareJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static <T> T json(String text, Class<T> type) throws SQLException {
        try {
            return CompareJson.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored " + type.getSimpleName() + " is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T json(String text, TypeReference<T> type) throws SQLException {
        try {
            return CompareJson.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T transaction(SqlWork<T> work, String failure) {
        try {
            return store.transaction(work);
        } catch (RecordStoreException e) {
            throw new RecordStoreException(failure + ": " + e.getMessage(), e);
        }
    }
}
