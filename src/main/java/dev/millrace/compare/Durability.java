package dev.millrace.compare;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a workload asks of the broker's storage. Millrace does not switch a broker's storage by itself (that is the
 * broker's own options); a broker whose connection does not declare what the workload asks for still runs, and its
 * column says that its numbers are not like for like.
 */
public enum Durability {
    /** Whatever the connection does. */
    @JsonProperty("any")
    ANY,
    /** Messages survive subscriber restarts ({@link dev.millrace.broker.Feature#PERSISTENT}). */
    @JsonProperty("persistent")
    PERSISTENT
}
