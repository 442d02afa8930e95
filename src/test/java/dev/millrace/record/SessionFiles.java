package dev.millrace.record;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds sessions with exactly chosen entries (times, keys, topics) by importing them as a JSON Lines file. */
final class SessionFiles {

    private SessionFiles() {
    }

    /** Imports {@code entries} (their session ids are ignored) into a new session called {@code name}. */
    static SessionInfo importEntries(RecordStore store, String name, List<? extends RecordedEntry> entries) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try {
            JsonLinesWriter writer = new JsonLinesWriter(file);
            for (RecordedEntry entry : entries) {
                writer.write(entry);
            }
            writer.end(entries.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Without a header line the end line is not expected: drop it, as a hand-written file would.
        String text = file.toString(StandardCharsets.UTF_8);
        String withoutEnd = text.substring(0, text.lastIndexOf("{\"kind\":\"end\""));
        return store.importer().importJsonLines(new ByteArrayInputStream(
                withoutEnd.getBytes(StandardCharsets.UTF_8)), name + ".jsonl", name, name);
    }
}
