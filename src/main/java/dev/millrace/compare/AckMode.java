package dev.millrace.compare;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When the measuring consumers acknowledge a message. */
public enum AckMode {
    /** The router's default: ack after the handler returned (and after its output was published). */
    @JsonProperty("after-handling")
    AFTER_HANDLING,
    /**
     * The {@link dev.millrace.middleware.InstantAck} middleware: ack on receipt, before the handler runs, trading
     * at-least-once for throughput.
     */
    @JsonProperty("instant")
    INSTANT
}
