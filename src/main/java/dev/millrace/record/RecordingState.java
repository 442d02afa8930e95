package dev.millrace.record;

/** Where a running {@link Recording} is in its life. */
public enum RecordingState {
    /** Receiving and writing. */
    RECORDING,
    /** Asked to stop: writing what was received, then acking and closing. */
    STOPPING,
    /** Stopped; the session is complete. */
    COMPLETE,
    /** The store or the broker failed; what was committed is kept and the session is marked interrupted. */
    FAILED
}
