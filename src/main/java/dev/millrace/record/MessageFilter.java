package dev.millrace.record;

import java.time.Instant;

/**
 * Which entries of a session to read, export or replay. Every criterion set must hold; null means "any". Topic,
 * time range, key and correlation id select candidate blocks by their index rows (see {@link BlockTable}); the
 * header and payload criteria are checked on every entry of the range.
 *
 * @param topic         exact topic
 * @param from          received at or after (inclusive)
 * @param to            received before (exclusive)
 * @param key           exact message key
 * @param headerName    metadata key that must be present with {@code headerValue}
 * @param headerValue   the value it must have (exactly)
 * @param correlationId exact {@code correlation_id}
 * @param payloadText   text whose UTF-8 bytes the payload must contain (case-sensitive; works on binary payloads)
 */
public record MessageFilter(String topic, Instant from, Instant to, String key, String headerName, String headerValue,
        String correlationId, String payloadText) {

    /** Everything, gap markers included. */
    public static final MessageFilter ALL = new MessageFilter(null, null, null, null, null, null, null, null);

    public MessageFilter {
        if ((headerName == null) != (headerValue == null)) {
            throw new IllegalArgumentException("a header criterion needs both a name and a value");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("the time range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public MessageFilter withTopic(String newTopic) {
        return new MessageFilter(newTopic, from, to, key, headerName, headerValue, correlationId, payloadText);
    }

    public MessageFilter receivedBetween(Instant newFrom, Instant newTo) {
        return new MessageFilter(topic, newFrom, newTo, key, headerName, headerValue, correlationId, payloadText);
    }

    public MessageFilter withKey(String newKey) {
        return new MessageFilter(topic, from, to, newKey, headerName, headerValue, correlationId, payloadText);
    }

    public MessageFilter withHeader(String name, String value) {
        return new MessageFilter(topic, from, to, key, name, value, correlationId, payloadText);
    }

    public MessageFilter withCorrelationId(String newCorrelationId) {
        return new MessageFilter(topic, from, to, key, headerName, headerValue, newCorrelationId, payloadText);
    }

    public MessageFilter withPayloadText(String text) {
        return new MessageFilter(topic, from, to, key, headerName, headerValue, correlationId, text);
    }

    /**
     * Whether a criterion is about message content (key, header, correlation id, payload): gap markers have none,
     * so such a filter leaves them out; topic and time apply to gap markers too.
     */
    public boolean selectsContent() {
        return key != null || headerName != null || correlationId != null || payloadText != null;
    }

    /** Whether some criterion is checked on every entry rather than narrowed down by the block index rows. */
    boolean needsRowCheck() {
        return headerName != null || payloadText != null;
    }
}
