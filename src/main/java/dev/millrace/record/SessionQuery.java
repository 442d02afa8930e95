package dev.millrace.record;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of the store: sessions, and their entries by keyset paging ({@code WHERE seq > ? ORDER BY seq
 * LIMIT ?}; never {@code OFFSET}, which would re-read every skipped row of a session with millions). Thread-safe;
 * each call uses its own pooled connection. Calls block on I/O: run them off the UI thread.
 */
public final class SessionQuery {
    /** Rows fetched per database round trip while row-by-row criteria skip rows, and per page of a scan. */
    private static final int SCAN_CHUNK = 1_000;
    /** Payload bytes after which a page ends early, so that pages of large messages stay in bounds. */
    static final long PAGE_BYTES = 32L << 20;
    private static final String SELECT = "SELECT " + MessageRows.COLUMNS + " FROM message";

    private final Database database;

    SessionQuery(Database database) {
        this.database = database;
    }

    /** Every session, newest first. */
    public List<SessionInfo> sessions() {
        return database.call(SessionTable::list);
    }

    public Optional<SessionInfo> session(long id) {
        return database.call(connection -> SessionTable.find(connection, id));
    }

    /** Sessions with exactly this name, newest first. */
    public List<SessionInfo> sessionsNamed(String name) {
        return database.call(connection -> SessionTable.findByName(connection, name));
    }

    /**
     * Up to {@code limit} entries of a session matching {@code filter} with a sequence number above
     * {@code afterSeq} (0 for the start), in sequence order. A page ends early, with {@link Page#hasMore()}, once its
     * payloads reach {@value #PAGE_BYTES} bytes (it always holds at least one entry when one matches).
     */
    public Page read(long sessionId, MessageFilter filter, long afterSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return database.call(connection -> page(connection, sessionId, filter, afterSeq, limit));
    }

    /** Every message carrying this correlation id, across topics and sessions, by session then sequence. */
    public List<RecordedMessage> correlated(String correlationId, int limit) {
        return database.call(connection -> {
            List<RecordedMessage> chain = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT
                    + " WHERE correlation_id = ? ORDER BY session_id, seq LIMIT ?")) {
                select.setString(1, correlationId);
                select.setInt(2, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        chain.add((RecordedMessage) MessageRows.read(row));
                    }
                }
            }
            return chain;
        });
    }

    /** How many entries of the session match {@code filter}. Row-by-row criteria make this a full scan. */
    public long count(long sessionId, MessageFilter filter) {
        if (filter.needsRowCheck()) {
            long[] count = {0};
            forEach(sessionId, filter, 0, entry -> {
                count[0]++;
                return true;
            });
            return count[0];
        }
        return database.call(connection -> {
            Criteria criteria = Criteria.of(sessionId, filter, 0);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM message WHERE " + criteria.sql())) {
                criteria.bind(select);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    /**
     * Streams matching entries in sequence order, one page per round trip, until {@code visitor} returns false or
     * the session ends. Memory stays bounded by one page whatever the session's size.
     */
    void forEach(long sessionId, MessageFilter filter, long afterSeq, EntryVisitor visitor) {
        long position = afterSeq;
        while (true) {
            Page page = read(sessionId, filter, position, SCAN_CHUNK);
            for (RecordedEntry entry : page.entries()) {
                if (!visitor.visit(entry)) {
                    return;
                }
            }
            if (!page.hasMore()) {
                return;
            }
            position = page.lastSeq();
        }
    }

    /**
     * Reads entries after {@code afterSeq} until the page has {@code limit} entries or {@value #PAGE_BYTES} bytes of
     * payload, or the session ends. The connection evaluates lazily, so a query stopped early has not loaded the
     * rows it did not hand out.
     */
    private static Page page(Connection connection, long sessionId, MessageFilter filter, long afterSeq, int limit)
            throws SQLException {
        RowCheck check = filter.needsRowCheck() ? new RowCheck(filter) : null;
        // One row more than asked tells whether there is a next page; row checks may skip many, so read on.
        int chunkRows = check == null ? limit + 1 : Math.max(SCAN_CHUNK, limit + 1);
        List<RecordedEntry> entries = new ArrayList<>();
        long position = afterSeq;
        long bytes = 0;
        while (true) {
            Criteria criteria = Criteria.of(sessionId, filter, position);
            try (PreparedStatement select = connection.prepareStatement(
                    SELECT + " WHERE " + criteria.sql() + " ORDER BY " + criteria.order() + " LIMIT ?")) {
                select.setInt(criteria.bind(select), chunkRows);
                int fetched = 0;
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        fetched++;
                        RecordedEntry entry = MessageRows.read(row);
                        if (check == null || check.matches(entry)) {
                            if (entries.size() == limit || bytes >= PAGE_BYTES) {
                                return new Page(entries, position, true);
                            }
                            entries.add(entry);
                            bytes += entry instanceof RecordedMessage message ? message.payloadSize() : 0;
                        }
                        position = entry.seq();
                    }
                }
                if (fetched < chunkRows) {
                    return new Page(entries, position, false);
                }
            }
        }
    }

    /** Visits entries of a scan; returns false to stop. */
    @FunctionalInterface
    interface EntryVisitor {
        boolean visit(RecordedEntry entry);
    }

    /**
     * The WHERE clause of a filter, its parameters, and the sequence order spelled as the leading columns of the
     * index that serves it (session and topic are fixed, so the order is the same): H2 seeks to {@code seq > ?} in a
     * composite index only when ORDER BY names the index's leading columns; with {@code ORDER BY seq} alone it
     * scans the session from its start.
     */
    private record Criteria(String sql, List<Object> parameters, String order) {

        static Criteria of(long sessionId, MessageFilter filter, long afterSeq) {
            StringBuilder sql = new StringBuilder("session_id = ? AND seq > ?");
            List<Object> parameters = new ArrayList<>(List.of(sessionId, afterSeq));
            if (filter.topic() != null) {
                sql.append(" AND topic = ?");
                parameters.add(filter.topic());
            }
            if (filter.from() != null) {
                sql.append(" AND received_at_ns >= ?");
                parameters.add(EpochNanos.of(filter.from()));
            }
            if (filter.to() != null) {
                sql.append(" AND received_at_ns < ?");
                parameters.add(EpochNanos.of(filter.to()));
            }
            if (filter.selectsContent()) {
                sql.append(" AND kind = '").append(MessageRows.KIND_MESSAGE).append('\'');
            }
            if (filter.key() != null) {
                sql.append(" AND message_key = ?");
                parameters.add(filter.key());
            }
            if (filter.correlationId() != null) {
                sql.append(" AND correlation_id = ?");
                parameters.add(filter.correlationId());
            }
            if (filter.headerName() != null) {
                // A cheap pre-selection on the stored JSON; RowCheck then compares the parsed value exactly.
                sql.append(" AND metadata LIKE ? ESCAPE '!'");
                String pair = MetadataJson.write(Map.of(filter.headerName(), filter.headerValue()));
                parameters.add("%" + likeLiteral(pair.substring(1, pair.length() - 1)) + "%");
            }
            return new Criteria(sql.toString(), parameters, order(filter));
        }

        /**
         * With a topic, the topic index serves the order; with a correlation id or a time range, their indexes
         * select few rows, which are sorted ({@code ORDER BY seq} leaves H2 free to choose them); otherwise the
         * primary key serves it.
         */
        private static String order(MessageFilter filter) {
            if (filter.topic() != null) {
                return "session_id, topic, seq";
            }
            if (filter.correlationId() != null || filter.from() != null || filter.to() != null) {
                return "seq";
            }
            return "session_id, seq";
        }

        /** Binds the parameters; returns the index of the next one. */
        int bind(PreparedStatement statement) throws SQLException {
            int index = 1;
            for (Object parameter : parameters) {
                statement.setObject(index++, parameter);
            }
            return index;
        }

        private static String likeLiteral(String text) {
            return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        }
    }

    /** The criteria the database cannot answer exactly, checked on each row. */
    private static final class RowCheck {
        private final MessageFilter filter;
        private final byte[] needle;

        RowCheck(MessageFilter filter) {
            this.filter = filter;
            this.needle = filter.payloadText() == null ? null : filter.payloadText().getBytes(StandardCharsets.UTF_8);
        }

        boolean matches(RecordedEntry entry) {
            if (!(entry instanceof RecordedMessage message)) {
                return false;
            }
            if (filter.headerName() != null
                    && !filter.headerValue().equals(message.metadata().get(filter.headerName()))) {
                return false;
            }
            return needle == null || contains(message.payload(), needle);
        }

        private static boolean contains(byte[] haystack, byte[] needle) {
            if (needle.length == 0) {
                return true;
            }
            int last = haystack.length - needle.length;
            byte first = needle[0];
            for (int i = 0; i <= last; i++) {
                if (haystack[i] != first) {
                    continue;
                }
                int j = 1;
                while (j < needle.length && haystack[i + j] == needle[j]) {
                    j++;
                }
                if (j == needle.length) {
                    return true;
                }
            }
            return false;
        }
    }
}
