package dev.millrace.record;

import dev.millrace.message.Envelope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes a session's entries, in sequence order, as blocks: {@link #add} fills the open block and writes it once
 * it is full ({@link BlockTable#MAX_ENTRIES} entries or {@link BlockTable#MAX_BYTES} bytes), {@link #flush} writes
 * what is open, before a commit. Uses the caller's connection and transaction.
 */
final class BlockWriter implements AutoCloseable {
    private final long sessionId;
    private final int maxEntries;
    private final int maxBytes;
    private final BlockTable.Inserts inserts;
    private final BlockEncoder encoder = new BlockEncoder();

    BlockWriter(Connection connection, long sessionId) throws SQLException {
        this(connection, sessionId, BlockTable.MAX_ENTRIES, BlockTable.MAX_BYTES);
    }

    /** With other block bounds: tests use small blocks to put block boundaries where they want them. */
    BlockWriter(Connection connection, long sessionId, int maxEntries, int maxBytes) throws SQLException {
        this.sessionId = sessionId;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.inserts = new BlockTable.Inserts(connection);
    }

    void add(RecordedEntry entry) throws SQLException {
        encoder.add(entry);
        writeIfFull();
    }

    /** Adds a message given by its parts; see {@link BlockEncoder#addMessage}. */
    void addMessage(long seq, String messageId, String profileName, Envelope envelope, String correlationId,
            Map<String, String> metadata, byte[] payload) throws SQLException {
        encoder.addMessage(seq, messageId, profileName, envelope, correlationId, metadata, payload);
        writeIfFull();
    }

    private void writeIfFull() throws SQLException {
        if (encoder.entries() >= maxEntries || encoder.size() >= maxBytes) {
            inserts.insert(encoder.finish(sessionId));
        }
    }

    /** Writes the open block, if it holds anything. */
    void flush() throws SQLException {
        if (encoder.entries() > 0) {
            inserts.insert(encoder.finish(sessionId));
        }
    }

    /** Forgets the open block: its transaction was rolled back. */
    void discard() {
        if (encoder.entries() > 0) {
            encoder.finish(sessionId);
        }
    }

    @Override
    public void close() throws SQLException {
        inserts.close();
    }
}
