package dev.millrace.compare;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The path a workload's messages take from publisher to the consumer that measures them. */
public enum Topology {
    /** Publisher → topic → consumer handlers: the broker's own hop. */
    @JsonProperty("direct")
    DIRECT,
    /**
     * The talk's demo end to end: publisher → {@code incoming_topic} → {@code hello_handler} (a router handler that
     * answers each message) → {@code outgoing_topic} → consumer handler. Latency covers both broker hops and the
     * router between them.
     */
    @JsonProperty("router-hop")
    ROUTER_HOP
}
