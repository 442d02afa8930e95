package dev.millrace.record;

/** An import file is corrupt, truncated or not a Millrace export; nothing was imported. */
public class ImportException extends RecordStoreException {
    private final long line;

    public ImportException(String source, long line, String problem, Throwable cause) {
        super(source + ", line " + line + ": " + problem + "; nothing was imported", cause);
        this.line = line;
    }

    /** The 1-based line number the problem was found on. */
    public long line() {
        return line;
    }
}
