package dev.millrace.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the block tables of V3 ({@code message_block}, {@code message_block_topic},
 * {@code message_block_data}): where a session's entries live.
 *
 * <p><b>Why blocks.</b> DESIGN.md's first shape, one {@code message} row per message with four indexes, held H2 at
 * 24-32k inserted rows/s on the reference machine, far from the 200k msg/s a recording must keep up with, and
 * every extra index made it slower. A block packs the entries of a batch (up to {@link #MAX_ENTRIES} entries or
 * {@link #MAX_BYTES} bytes; always at least one) into one {@code VARBINARY} in the application's own layout
 * ({@link BlockEncoder}), so the database maintains a handful of index entries per thousand messages. Searches stay
 * indexed at block granularity: the sequence range of each block (keyset paging seeks to the block holding
 * {@code afterSeq}), its receive-time range, its topics, and a Bloom filter over its keys and correlation ids
 * ({@link KeyFilter}); a search reads the small index rows, then decodes only the blocks that can hold a match,
 * reading in each only the few bytes its filter compares. Header and payload text searches decode every block of
 * the range. A per-message index filled by a background indexer would keep exact lookups but write as many index
 * rows as before, on the same two cores the recorder needs. (Blocks carry their own time range, so the V2 column
 * {@code session.received_disorder_ns}, which bounded time seeks in the per-message index, is no longer used.)
 */
final class BlockTable {
    static final int MAX_ENTRIES = 4096;
    /**
     * Below half of G1's smallest region (1 MiB), so that a block's arrays are ordinary allocations, not humongous
     * ones that cost a recording or an export a collection each.
     */
    static final int MAX_BYTES = 256 << 10;
    /** Most index rows read per query while looking for candidate blocks. */
    static final int MAX_CHUNK = 512;
    private static final String INFO = "b.last_seq, b.first_seq, b.entry_count, b.message_count, b.min_received_ns, "
            + "b.max_received_ns, b.key_filter";

    private BlockTable() {
    }

    /**
     * What the index row says about a block.
     *
     * @param keyFilter the {@link KeyFilter} bytes
     */
    record BlockInfo(long sessionId, long lastSeq, long firstSeq, int entries, int messages, long minReceivedNs,
            long maxReceivedNs, byte[] keyFilter) {
    }

    /** The prepared inserts of one writer. */
    static final class Inserts implements AutoCloseable {
        private final PreparedStatement block;
        private final PreparedStatement topic;
        private final PreparedStatement data;

        Inserts(Connection connection) throws SQLException {
            block = connection.prepareStatement("INSERT INTO message_block (session_id, last_seq, first_seq, "
                    + "entry_count, message_count, min_received_ns, max_received_ns, key_filter) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            topic = connection.prepareStatement("INSERT INTO message_block_topic (session_id, last_seq, topic, "
                    + "entry_count) VALUES (?, ?, ?, ?)");
            data = connection.prepareStatement("INSERT INTO message_block_data (session_id, last_seq, data) "
                    + "VALUES (?, ?, ?)");
        }

        void insert(BlockEncoder.Block encoded) throws SQLException {
            block.setLong(1, encoded.sessionId());
            block.setLong(2, encoded.lastSeq());
            block.setLong(3, encoded.firstSeq());
            block.setInt(4, encoded.entries());
            block.setInt(5, encoded.messages());
            block.setLong(6, encoded.minReceivedNs());
            block.setLong(7, encoded.maxReceivedNs());
            block.setBytes(8, encoded.keyFilter());
            block.executeUpdate();
            for (Map.Entry<String, Integer> count : encoded.topicCounts().entrySet()) {
                topic.setLong(1, encoded.sessionId());
                topic.setLong(2, encoded.lastSeq());
                topic.setString(3, count.getKey());
                topic.setInt(4, count.getValue());
                topic.addBatch();
            }
            topic.executeBatch();
            data.setLong(1, encoded.sessionId());
            data.setLong(2, encoded.lastSeq());
            data.setBytes(3, encoded.data());
            data.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            try (block; topic) {
                data.close();
            }
        }
    }

    /**
     * The next index rows of a session's blocks after {@code afterSeq} that can hold entries of {@code filter}, by
     * topic, time and kind (the key filter is left to the caller). Up to {@code limit}; fewer means the last.
     */
    static List<BlockInfo> candidates(Connection connection, long sessionId, MessageFilter filter, long afterSeq,
            int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(INFO);
        List<Object> parameters = new ArrayList<>();
        if (filter.topic() != null) {
            sql.append(" FROM message_block_topic t JOIN message_block b ON b.session_id = t.session_id"
                    + " AND b.last_seq = t.last_seq WHERE t.session_id = ? AND t.topic = ? AND t.last_seq > ?");
            parameters.add(sessionId);
            parameters.add(filter.topic());
            parameters.add(afterSeq);
        } else {
            sql.append(" FROM message_block b WHERE b.session_id = ? AND b.last_seq > ?");
            parameters.add(sessionId);
            parameters.add(afterSeq);
        }
        if (filter.from() != null) {
            sql.append(" AND b.max_received_ns >= ?");
            parameters.add(EpochNanos.clamped(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND b.min_received_ns < ?");
            parameters.add(EpochNanos.clamped(filter.to()));
        }
        if (filter.selectsContent()) {
            sql.append(" AND b.message_count > 0");
        }
        // ORDER BY the leading columns of the index that serves it, so that H2 seeks to last_seq > ? in it.
        sql.append(filter.topic() != null ? " ORDER BY t.session_id, t.topic, t.last_seq"
                : " ORDER BY b.session_id, b.last_seq");
        sql.append(" LIMIT ").append(limit);
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            return infos(select, sessionId);
        }
    }

    private static List<BlockInfo> infos(PreparedStatement select, long sessionId) throws SQLException {
        List<BlockInfo> infos = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                infos.add(new BlockInfo(sessionId, row.getLong(1), row.getLong(2), row.getInt(3), row.getInt(4),
                        row.getLong(5), row.getLong(6), row.getBytes(7)));
            }
        }
        return infos;
    }

    /** The encoded entries of a block. */
    static byte[] data(Connection connection, long sessionId, long lastSeq) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT data FROM message_block_data WHERE session_id = ? AND last_seq = ?")) {
            select.setLong(1, sessionId);
            select.setLong(2, lastSeq);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new RecordStoreException("block " + sessionId + "/" + lastSeq + " has no data row");
                }
                return row.getBytes(1);
            }
        }
    }

    /** Entries of a session, of one topic when {@code topic} is not null: a sum over index rows. */
    static long count(Connection connection, long sessionId, String topic) throws SQLException {
        String sql = topic == null
                ? "SELECT COALESCE(SUM(entry_count), 0) FROM message_block WHERE session_id = ?"
                : "SELECT COALESCE(SUM(entry_count), 0) FROM message_block_topic WHERE session_id = ? AND topic = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, sessionId);
            if (topic != null) {
                select.setString(2, topic);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    static void delete(Connection connection, long sessionId) throws SQLException {
        for (String table : List.of("message_block_data", "message_block_topic", "message_block", "message")) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE session_id = ?")) {
                delete.setLong(1, sessionId);
                delete.executeUpdate();
            }
        }
    }
}
