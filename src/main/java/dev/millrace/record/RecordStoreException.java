package dev.millrace.record;

/** The recording store failed (database, file or secret store); the message is meant for a person. */
public class RecordStoreException extends RuntimeException {

    public RecordStoreException(String message) {
        super(message);
    }

    public RecordStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
