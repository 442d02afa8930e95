package dev.millrace.compare;

/** Where the run on one broker is. */
public enum Phase {
    CONNECTING,
    WARMING_UP,
    MEASURING,
    /** Producers are done; waiting for the consumers to receive what was sent. */
    DRAINING,
    CLOSING
}
