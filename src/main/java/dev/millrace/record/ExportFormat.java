package dev.millrace.record;

import java.util.Locale;

/** How a session is written out. */
public enum ExportFormat {
    /**
     * JSON Lines, the canonical and lossless form: a header line describing the session, one object per entry with
     * every envelope field, metadata in order and the payload (UTF-8 text when valid, else base64, the encoding
     * named), and an end line with the entry count that makes a truncated file detectable. Import reads it back.
     */
    JSONL,
    /** Comma-separated values for spreadsheets (RFC 4180): one row per entry, metadata as a JSON cell. */
    CSV;

    /** The file name extension. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code jsonl} or {@code csv}, any case. */
    public static ExportFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an export format (jsonl, csv)");
        }
    }
}
