package dev.millrace.record;

import java.util.Locale;

/** The life of a session. */
public enum SessionStatus {
    /** A recorder is writing it now. */
    RECORDING,
    /** Stopped and flushed: everything received was written (gap markers say what was dropped). */
    COMPLETE,
    /**
     * The recording process ended without stopping it (crash, kill, power loss) or the recorder failed. What was
     * committed is intact and readable; for brokers with acknowledgements, the rest is redelivered to the next run.
     */
    INTERRUPTED;

    String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SessionStatus fromDatabase(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
