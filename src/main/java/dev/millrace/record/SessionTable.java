package dev.millrace.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.millrace.message.SubscribeOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes the {@code session} table. */
final class SessionTable {
    static final int MAX_NAME_LENGTH = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, name, status, created_at, ended_at, broker_id, profile_name, "
            + "profile_snapshot, subscriptions, notes, received, recorded, dropped";

    /** What a new session row holds. */
    record NewSession(String name, SessionStatus status, Instant createdAt, Instant endedAt, String brokerId,
            String profileName, Map<String, String> profileOptions, List<SubscriptionSpec> subscriptions, String notes,
            long received, long recorded, long dropped) {
    }

    private SessionTable() {
    }

    static long insert(Connection connection, NewSession session) throws SQLException {
        String name = checkedName(session.name());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO session (name, status, created_at, "
                + "ended_at, broker_id, profile_name, profile_snapshot, subscriptions, notes, received, recorded, "
                + "dropped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, name);
            insert.setString(2, session.status().databaseValue());
            insert.setObject(3, timestamp(session.createdAt()));
            insert.setObject(4, session.endedAt() == null ? null : timestamp(session.endedAt()));
            insert.setString(5, session.brokerId());
            insert.setString(6, session.profileName());
            insert.setString(7, snapshotJson(session.brokerId(), session.profileOptions()));
            insert.setString(8, subscriptionsJson(session.subscriptions()));
            insert.setString(9, session.notes() == null ? "" : session.notes());
            insert.setLong(10, session.received());
            insert.setLong(11, session.recorded());
            insert.setLong(12, session.dropped());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static String checkedName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a session needs a name");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a session name has at most " + MAX_NAME_LENGTH + " characters, got "
                    + trimmed.length());
        }
        return trimmed;
    }

    static PreparedStatement prepareCounterUpdate(Connection connection) throws SQLException {
        return connection.prepareStatement("UPDATE session SET received = ?, recorded = ?, dropped = ? WHERE id = ?");
    }

    /** Updates the counters of a session. */
    static void updateCounters(PreparedStatement update, long id, long received, long recorded, long dropped)
            throws SQLException {
        update.setLong(1, received);
        update.setLong(2, recorded);
        update.setLong(3, dropped);
        update.setLong(4, id);
        update.executeUpdate();
    }

    static void finish(Connection connection, long id, SessionStatus status, Instant endedAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE session SET status = ?, ended_at = ? WHERE id = ?")) {
            update.setString(1, status.databaseValue());
            update.setObject(2, endedAt == null ? null : timestamp(endedAt));
            update.setLong(3, id);
            update.executeUpdate();
        }
    }

    /** Marks every session still {@code recording} as interrupted; returns how many there were. */
    static int markInterrupted(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE session SET status = 'interrupted' WHERE status = 'recording'")) {
            return update.executeUpdate();
        }
    }

    static Optional<SessionInfo> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM session WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /** Sessions with this name, newest first. */
    static List<SessionInfo> findByName(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM session WHERE name = ? ORDER BY id DESC")) {
            select.setString(1, name);
            return readAll(select);
        }
    }

    /** Every session, newest first. */
    static List<SessionInfo> list(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM session ORDER BY id DESC")) {
            return readAll(select);
        }
    }

    static boolean delete(Connection connection, long id) throws SQLException {
        BlockTable.delete(connection, id);
        try (PreparedStatement deleteSession = connection.prepareStatement("DELETE FROM session WHERE id = ?")) {
            deleteSession.setLong(1, id);
            return deleteSession.executeUpdate() == 1;
        }
    }

    static void rename(Connection connection, long id, String name, String notes) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE session SET name = ?, notes = ? WHERE id = ?")) {
            update.setString(1, checkedName(name));
            update.setString(2, notes == null ? "" : notes);
            update.setLong(3, id);
            if (update.executeUpdate() != 1) {
                throw new IllegalArgumentException("no session " + id);
            }
        }
    }

    private static List<SessionInfo> readAll(PreparedStatement select) throws SQLException {
        List<SessionInfo> sessions = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                sessions.add(read(row));
            }
        }
        return sessions;
    }

    private static SessionInfo read(ResultSet row) throws SQLException {
        OffsetDateTime ended = row.getObject(5, OffsetDateTime.class);
        return new SessionInfo(row.getLong(1), row.getString(2), SessionStatus.fromDatabase(row.getString(3)),
                row.getObject(4, OffsetDateTime.class).toInstant(), ended == null ? null : ended.toInstant(),
                row.getString(6), row.getString(7), snapshotOptions(row.getString(8)),
                subscriptions(row.getString(9)), row.getString(10), row.getLong(11), row.getLong(12),
                row.getLong(13));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String snapshotJson(String adapterId, Map<String, String> options) {
        ObjectNode snapshot = JSON.createObjectNode();
        snapshot.put("adapter", adapterId);
        ObjectNode values = snapshot.putObject("options");
        options.forEach(values::put);
        return snapshot.toString();
    }

    private static Map<String, String> snapshotOptions(String json) {
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode values = parse(json).path("options");
        values.properties().forEach(entry -> options.put(entry.getKey(), entry.getValue().asText()));
        return options;
    }

    static String subscriptionsJson(List<SubscriptionSpec> subscriptions) {
        ArrayNode array = JSON.createArrayNode();
        for (SubscriptionSpec spec : subscriptions) {
            ObjectNode node = array.addObject();
            node.put("topic", spec.topic());
            node.put("consumer_group", spec.options().consumerGroup());
            node.put("start", SubscriptionSpec.format(spec.options().start()));
            node.put("readers", spec.readers());
        }
        return array.toString();
    }

    static List<SubscriptionSpec> subscriptions(String json) {
        List<SubscriptionSpec> subscriptions = new ArrayList<>();
        for (JsonNode node : parse(json)) {
            JsonNode group = node.path("consumer_group");
            subscriptions.add(new SubscriptionSpec(node.path("topic").asText(),
                    new SubscribeOptions(group.isTextual() ? group.asText() : null,
                            SubscriptionSpec.parseStart(node.path("start").asText("committed"))),
                    Math.max(1, node.path("readers").asInt(1))));
        }
        return subscriptions;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RecordStoreException("a session row holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
