package dev.millrace.app.sessions;

import dev.millrace.record.MessageFilter;

/** What the sessions search box searches; each maps to one criterion of the store's filter. */
public enum SearchField {
    PAYLOAD("Payload text"),
    TOPIC("Topic"),
    KEY("Key"),
    CORRELATION_ID("Correlation id"),
    HEADER("Header name=value");

    private final String label;

    SearchField(String label) {
        this.label = label;
    }

    /** The store filter for {@code text} in this field; blank text selects everything. */
    public MessageFilter filter(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return MessageFilter.ALL;
        }
        return switch (this) {
            case PAYLOAD -> MessageFilter.ALL.withPayloadText(trimmed);
            case TOPIC -> MessageFilter.ALL.withTopic(trimmed);
            case KEY -> MessageFilter.ALL.withKey(trimmed);
            case CORRELATION_ID -> MessageFilter.ALL.withCorrelationId(trimmed);
            case HEADER -> {
                int equals = trimmed.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("search headers as name=value");
                }
                yield MessageFilter.ALL.withHeader(trimmed.substring(0, equals).trim(), trimmed.substring(equals + 1).trim());
            }
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
