package dev.millrace.message;

/** Connecting failed; {@link #reason()} says whether the address, the port or the credentials were wrong. */
public class ConnectionException extends MessagingException {

    /** What went wrong, for messages and for tests that must tell the cases apart. */
    public enum Reason {
        UNREACHABLE,
        REFUSED,
        AUTHENTICATION,
        INVALID_OPTIONS,
        TIMEOUT,
        OTHER
    }

    private final Reason reason;

    public ConnectionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ConnectionException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
