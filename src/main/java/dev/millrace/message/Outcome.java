package dev.millrace.message;

/** How a delivered message was settled by whoever handled it. */
public enum Outcome {
    /** Processed: the broker may forget it (commit the offset, ack the delivery). */
    ACKED,
    /** Not processed: the broker must deliver it again. */
    NACKED
}
