package dev.millrace.record;

import java.io.IOException;

/** Writes a session's entries in one export format, streaming. */
sealed interface EntryWriter permits JsonLinesWriter, CsvWriter {

    /** Before the first entry; {@code partial} when a filter selected only some entries. */
    void begin(SessionInfo session, boolean partial) throws IOException;

    void write(RecordedEntry entry) throws IOException;

    /** Writes the current entry of {@code reader}; a writer may copy its fields without decoding them. */
    default void write(BlockReader reader) throws IOException {
        write(reader.entry());
    }

    /** After the last entry; flushes, does not close the stream. */
    void end(long entries) throws IOException;
}
