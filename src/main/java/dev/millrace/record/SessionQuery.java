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
            Criteria criteria = Criteria.of(sessionId, filter, 0, null);
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
        boolean timed = filter.from() != null || filter.to() != null;
        RowCheck check = filter.needsRowCheck() || timed ? new RowCheck(filter) : null;
        // One row more than asked tells whether there is a next page; row checks may skip many, so read on.
        int chunkRows = check == null ? limit + 1 : Math.max(SCAN_CHUNK, limit + 1);
        List<RecordedEntry> entries = new ArrayList<>();
        SeqRange range = timed ? SeqRange.of(connection, sessionId, filter) : SeqRange.ALL;
        long position = Math.max(afterSeq, range.low() - 1);
        if (position >= range.high()) {
            return new Page(entries, afterSeq, false);
        }
        long bytes = 0;
        while (true) {
            Criteria criteria = Criteria.of(sessionId, filter, position, range);
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

        /**
         * The criteria of {@code filter} after {@code afterSeq}. With a sequence {@code range} (pages of a time
         * range) the times are left to the row check and the range bounds the scan; without one (counting), the
         * times are compared in SQL.
         */
        static Criteria of(long sessionId, MessageFilter filter, long afterSeq, SeqRange range) {
            StringBuilder sql = new StringBuilder("session_id = ? AND seq > ?");
            List<Object> parameters = new ArrayList<>(List.of(sessionId, afterSeq));
            if (filter.topic() != null) {
                sql.append(" AND topic = ?");
                parameters.add(filter.topic());
            }
            if (range != null && range.high() != Long.MAX_VALUE) {
                sql.append(" AND seq <= ?");
                parameters.add(range.high());
            }
            if (range == null && filter.from() != null) {
                sql.append(" AND received_at_ns >= ?");
                parameters.add(EpochNanos.clamped(filter.from()));
            }
            if (range == null && filter.to() != null) {
                sql.append(" AND received_at_ns < ?");
                parameters.add(EpochNanos.clamped(filter.to()));
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
         * With a topic, the topic index serves the order; with a correlation id, its index selects few rows, which
         * are sorted ({@code ORDER BY seq} leaves H2 free to choose it); otherwise the primary key serves it.
         */
        private static String order(MessageFilter filter) {
            if (filter.topic() != null) {
                return "session_id, topic, seq";
            }
            if (filter.correlationId() != null) {
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

    /**
     * The sequence numbers a time range can occupy, found with two seeks of the receive-time index and the session's
     * receive-time disorder D (see {@link ReceiveOrder}): entries received before {@code from - D} all come before
     * the range, entries received at or after {@code to + D} all after it.
     */
    private record SeqRange(long low, long high) {
        static final SeqRange ALL = new SeqRange(1, Long.MAX_VALUE);

        static SeqRange of(Connection connection, long sessionId, MessageFilter filter) throws SQLException {
            long disorder = SessionTable.receivedDisorder(connection, sessionId);
            long low = 1;
            long high = Long.MAX_VALUE;
            if (filter.from() != null) {
                long before = seek(connection, "SELECT seq FROM message WHERE session_id = ? AND received_at_ns < ? "
                        + "ORDER BY session_id DESC, received_at_ns DESC LIMIT 1", sessionId,
                        saturated(EpochNanos.clamped(filter.from()), -disorder));
                low = before == 0 ? 1 : before + 1;
            }
            if (filter.to() != null) {
                long after = seek(connection, "SELECT seq FROM message WHERE session_id = ? AND received_at_ns >= ? "
                        + "ORDER BY session_id, received_at_ns LIMIT 1", sessionId,
                        saturated(EpochNanos.clamped(filter.to()), disorder));
                high = after == 0 ? Long.MAX_VALUE : after - 1;
            }
            return new SeqRange(low, high);
        }

        /** The seq the query finds, or 0 when it finds none. */
        private static long seek(Connection connection, String sql, long sessionId, long nanos) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, sessionId);
                select.setLong(2, nanos);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0;
                }
            }
        }

        private static long saturated(long value, long delta) {
            long sum = value + delta;
            // Overflow flips the sign against both operands' agreement.
            if (((value ^ sum) & (delta ^ sum)) < 0) {
                return delta > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
            }
            return sum;
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
            if (filter.from() != null && entry.receivedAt().isBefore(filter.from())
                    || filter.to() != null && !entry.receivedAt().isBefore(filter.to())) {
                return false;
            }
            if (!(entry instanceof RecordedMessage message)) {
                return !filter.selectsContent();
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
