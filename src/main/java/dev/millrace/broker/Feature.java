package dev.millrace.broker;

/**
 * What a broker adapter guarantees or offers. The first group are the feature flags of the conformance suite
 * (see CONFORMANCE.md); the rest tell the workbench what to show. Code asks for a feature, never for a broker.
 */
public enum Feature {
    /** Several groups each receive every message; members of one group share them. */
    CONSUMER_GROUPS,
    /** No duplicate deliveries. */
    EXACTLY_ONCE,
    /** Per key or partition, messages arrive in publish order. */
    GUARANTEED_ORDER,
    /** Messages arrive in publish order when a topic has a single subscriber. */
    GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER,
    /** Messages survive subscriber restarts; an unacked message comes back to a new subscriber. */
    PERSISTENT,
    /** A new subscriber replays history from the start. */
    NEW_SUBSCRIBER_RECEIVES_OLD_MESSAGES,
    /** The test harness can stop and restart the broker process. */
    RESTARTABLE,
    /** Publisher and subscribers must share one instance. */
    SINGLE_INSTANCE,
    /** One subscription may hand out several unsettled messages at once, one per stream (partition). */
    PARALLEL_STREAMS,
    /** The broker is reached over the network: it has an address that can be wrong or unreachable. */
    NETWORK,
    /** The broker checks credentials. */
    AUTHENTICATION,
    /** Messages carry a key (partitioning or routing). */
    KEYS,
    /** Topics have partitions. */
    PARTITIONS,
    /** Subscriptions accept wildcard patterns. */
    WILDCARDS,
    /** A subscription can start at a sequence or a time. */
    START_POSITIONS,
    /** Messages of a topic can be read without consuming them. */
    PEEK
}
