package dev.millrace.record;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a session, or the part a filter selects, as JSON Lines (lossless, re-importable) or CSV. Streams: memory
 * stays at one block of entries whatever the session's size. Thread-safe; blocks on I/O.
 */
public final class Exporter {
    private final SessionQuery query;

    Exporter(SessionQuery query) {
        this.query = query;
    }

    /** Writes to {@code out}, which is flushed but not closed. */
    public ExportResult export(long sessionId, MessageFilter filter, ExportFormat format, OutputStream out) {
        SessionInfo session = query.session(sessionId)
                .orElseThrow(() -> new IllegalArgumentException("no session " + sessionId));
        CountingStream counted = new CountingStream(out);
        BufferedOutputStream buffered = new BufferedOutputStream(counted, 1 << 16);
        long[] counts = new long[2];
        try {
            EntryWriter writer = switch (format) {
                case JSONL -> new JsonLinesWriter(buffered);
                case CSV -> new CsvWriter(buffered);
            };
            writer.begin(session, !filter.equals(MessageFilter.ALL));
            IOException[] failure = new IOException[1];
            query.forEachEncoded(sessionId, filter, entry -> {
                try {
                    writer.write(entry);
                } catch (IOException e) {
                    failure[0] = e;
                    return false;
                }
                counts[entry.isGap() ? 1 : 0]++;
                return true;
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            writer.end(counts[0] + counts[1]);
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("exporting session " + sessionId + " failed: " + e.getMessage(), e);
        }
        return new ExportResult(counts[0], counts[1], counted.count);
    }

    /** Writes to {@code file}, replacing it. */
    public ExportResult export(long sessionId, MessageFilter filter, ExportFormat format, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            return export(sessionId, filter, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Counts the bytes that pass. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }
}
