package dev.millrace.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the one-row-per-message entries of stores written before schema V3 into blocks, once, when such a store is
 * opened: one transaction per session (its rows become blocks and leave the {@code message} table together), so
 * an interrupted upgrade resumes on the next opening and every session is readable in one shape only.
 */
final class LegacyMessages {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyMessages.class);
    /** Legacy rows read per query; a V1 row may hold a payload of many MiB. */
    private static final int CHUNK = 32;

    private LegacyMessages() {
    }

    /** Converts every session that still has rows in {@code message}; returns how many entries moved. */
    static long convert(Database database) {
        List<Long> sessions = database.call(connection -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT session_id FROM message ORDER BY session_id");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getLong(1));
                }
            }
            return ids;
        });
        long moved = 0;
        for (long sessionId : sessions) {
            moved += database.transaction(connection -> convert(connection, sessionId));
        }
        if (moved > 0) {
            LOG.info("moved {} recorded entries of {} session(s) into blocks (schema V3)", moved, sessions.size());
        }
        return moved;
    }

    private static long convert(Connection connection, long sessionId) throws SQLException {
        long moved = 0;
        long afterSeq = 0;
        try (BlockWriter blocks = new BlockWriter(connection, sessionId);
             PreparedStatement select = connection.prepareStatement("SELECT " + MessageRows.COLUMNS
                     + " FROM message WHERE session_id = ? AND seq > ? ORDER BY session_id, seq LIMIT " + CHUNK)) {
            while (true) {
                // Read a chunk whole before writing: H2 does not promise a lazy result survives other statements.
                List<RecordedEntry> chunk = new ArrayList<>(CHUNK);
                select.setLong(1, sessionId);
                select.setLong(2, afterSeq);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        chunk.add(MessageRows.read(row));
                    }
                }
                for (RecordedEntry entry : chunk) {
                    blocks.add(entry);
                    afterSeq = entry.seq();
                }
                moved += chunk.size();
                if (chunk.size() < CHUNK) {
                    break;
                }
            }
            blocks.flush();
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM message WHERE session_id = ?")) {
            delete.setLong(1, sessionId);
            delete.executeUpdate();
        }
        return moved;
    }
}
