package dev.millrace.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a JSON Lines export into a new session, byte for byte: ids, metadata (in order), payloads, every envelope
 * field and the sequence numbers. The whole import is one transaction: a corrupt or truncated file fails with an
 * {@link ImportException} naming the line, and the store is left as it was. Streams: memory holds one line and one
 * block of entries, whatever the file's size. Thread-safe; blocks on I/O.
 *
 * <p>A file that starts with a session header (as Millrace writes them) must end with the end line that counts
 * its entries, so a file cut anywhere is detected; a hand-written file of bare message lines is accepted as is.
 */
public final class Importer {
    private final Database database;

    Importer(Database database) {
        this.database = database;
    }

    /**
     * Imports {@code file}; the session is called {@code sessionName}, or if that is null, what the file's header
     * says, or else the file name.
     */
    public SessionInfo importJsonLines(Path file, String sessionName) {
        try (InputStream in = Files.newInputStream(file)) {
            return importJsonLines(in, file.toString(), sessionName, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Imports a stream, which is read to its end but not closed.
     *
     * @param source       names the input in error messages
     * @param sessionName  the new session's name, or null for the header's
     * @param fallbackName the name when neither is given
     */
    public SessionInfo importJsonLines(InputStream in, String source, String sessionName, String fallbackName) {
        LineReader reader = new LineReader(in);
        long sessionId = database.transaction(connection -> new Run(connection, reader, source, sessionName,
                fallbackName).importAll());
        return database.call(connection -> SessionTable.find(connection, sessionId)).orElseThrow();
    }

    /** One import in progress, inside its transaction. */
    private static final class Run {
        private final Connection connection;
        private final LineReader reader;
        private final String source;
        private final String sessionName;
        private final String fallbackName;
        private long lineNumber;
        private long sessionId;
        private long entries;
        private long messages;
        private long dropped;
        private long lastSeq;

        Run(Connection connection, LineReader reader, String source, String sessionName, String fallbackName) {
            this.connection = connection;
            this.reader = reader;
            this.source = source;
            this.sessionName = sessionName;
            this.fallbackName = fallbackName;
        }

        long importAll() throws SQLException {
            String line = next();
            if (line == null) {
                throw problem("the file is empty", null);
            }
            JsonLinesReader.Header header = null;
            JsonNode first = parse(line);
            if (JsonLines.KIND_SESSION.equals(kind(first))) {
                header = checked(() -> JsonLinesReader.header(first));
                line = next();
            }
            sessionId = createSession(header);
            boolean ended = false;
            try (BlockWriter blocks = new BlockWriter(connection, sessionId)) {
                for (; line != null; line = next()) {
                    if (ended) {
                        throw problem("there is more after the end line", null);
                    }
                    JsonNode node = parse(line);
                    switch (kind(node)) {
                        case JsonLines.KIND_MESSAGE ->
                                add(blocks, checked(() -> JsonLinesReader.message(node, sessionId)));
                        case JsonLines.KIND_GAP -> add(blocks, checked(() -> JsonLinesReader.gap(node, sessionId)));
                        case JsonLines.KIND_END -> {
                            long expected = checked(() -> JsonLinesReader.end(node)).entries();
                            if (expected != entries) {
                                throw problem("the end line counts " + expected + " entries but the file has "
                                        + entries + " (lines lost?)", null);
                            }
                            ended = true;
                        }
                        case JsonLines.KIND_SESSION -> throw problem("a second session header", null);
                        default -> throw problem("unknown kind '" + kind(node) + "'", null);
                    }
                }
                if (header != null && !ended) {
                    lineNumber++;
                    throw problem("the file ends without its end line: it is truncated", null);
                }
                blocks.flush();
            }
            finish(header);
            return sessionId;
        }

        private long createSession(JsonLinesReader.Header header) throws SQLException {
            String name = sessionName != null ? sessionName : header != null ? header.name() : fallbackName;
            SessionTable.NewSession session = header == null
                    ? new SessionTable.NewSession(name, SessionStatus.COMPLETE, Instant.now(), Instant.now(), null,
                            null, Map.of(), List.of(), "imported from " + source, 0, 0, 0)
                    : new SessionTable.NewSession(name,
                            header.status() == SessionStatus.RECORDING ? SessionStatus.INTERRUPTED : header.status(),
                            header.createdAt(), header.endedAt(), header.brokerId(), header.profileName(),
                            header.profileOptions(), header.subscriptions(), header.notes(), 0, 0, 0);
            try {
                return SessionTable.insert(connection, session);
            } catch (IllegalArgumentException e) {
                throw problem(e.getMessage(), e);
            }
        }

        private void finish(JsonLinesReader.Header header) throws SQLException {
            boolean whole = header != null && !header.partial();
            try (PreparedStatement update = SessionTable.prepareCounterUpdate(connection)) {
                SessionTable.updateCounters(update, sessionId, whole ? header.received() : messages + dropped,
                        messages, dropped);
            }
        }

        private void add(BlockWriter blocks, RecordedEntry entry) throws SQLException {
            if (entry.seq() <= lastSeq) {
                throw problem("seq " + entry.seq() + " does not follow " + lastSeq + " (entries must be in order)",
                        null);
            }
            lastSeq = entry.seq();
            blocks.add(entry);
            entries++;
            switch (entry) {
                case RecordedMessage message -> messages++;
                case GapMarker gap -> dropped += gap.droppedCount();
            }
        }

        private String next() {
            try {
                String line = reader.readLine();
                if (line != null) {
                    lineNumber++;
                }
                return line;
            } catch (CharacterCodingException e) {
                lineNumber++;
                throw problem("the file is not UTF-8 text", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
            }
        }

        private JsonNode parse(String line) {
            return checked(() -> JsonLinesReader.parse(line));
        }

        private String kind(JsonNode node) {
            return checked(() -> JsonLinesReader.kind(node));
        }

        private <T> T checked(Supplier<T> parse) {
            try {
                return parse.get();
            } catch (IllegalArgumentException e) {
                throw problem(e.getMessage(), e);
            }
        }

        private ImportException problem(String message, Throwable cause) {
            return new ImportException(source, lineNumber, message, cause);
        }
    }
}
