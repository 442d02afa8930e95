package dev.millrace.record;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.millrace.message.Envelope;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the lines of a JSON Lines export into entries, checking every field; a problem is reported as an
 * {@link IllegalArgumentException} whose message says what is wrong, and the caller adds the line number.
 */
final class JsonLinesReader {
    /** Payloads can be as large as the database takes; Jackson's default string limit (20 M chars) is too small. */
    private static final ObjectMapper JSON = new ObjectMapper(new JsonFactoryBuilder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    /** The header line of an export. */
    record Header(String name, SessionStatus status, Instant createdAt, Instant endedAt, String brokerId,
            String profileName, Map<String, String> profileOptions, List<SubscriptionSpec> subscriptions, String notes,
            long received, long recorded, long dropped, boolean partial) {
    }

    /** The end line of an export. */
    record End(long entries) {
    }

    /** Fields of version 1 lines: anything else is damage (a mangled name would silently lose its value). */
    private static final Set<String> MESSAGE_FIELDS = Set.of(JsonLines.KIND, JsonLines.SEQ, JsonLines.ID,
            JsonLines.BROKER_ID, JsonLines.PROFILE, JsonLines.TOPIC, JsonLines.KEY, JsonLines.PARTITION,
            JsonLines.SEQUENCE, JsonLines.BROKER_TIMESTAMP, JsonLines.RECEIVED_AT, JsonLines.RECEIVED_NANOS,
            JsonLines.REDELIVERED, JsonLines.PAYLOAD_SIZE, JsonLines.CORRELATION_ID, JsonLines.METADATA,
            JsonLines.PAYLOAD_ENCODING, JsonLines.PAYLOAD);
    private static final Set<String> GAP_FIELDS = Set.of(JsonLines.KIND, JsonLines.SEQ, JsonLines.BROKER_ID,
            JsonLines.PROFILE, JsonLines.TOPIC, JsonLines.RECEIVED_AT, JsonLines.RECEIVED_NANOS, JsonLines.DROPPED);

    private JsonLinesReader() {
    }

    static JsonNode parse(String line) {
        if (line.isBlank()) {
            throw new IllegalArgumentException("the line is empty");
        }
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the line is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    static String kind(JsonNode node) {
        return requiredText(node, JsonLines.KIND);
    }

    static Header header(JsonNode node) {
        String format = requiredText(node, JsonLines.HEADER_FORMAT);
        if (!JsonLines.FORMAT.equals(format)) {
            throw new IllegalArgumentException("unknown format '" + format + "'");
        }
        long version = requiredLong(node, JsonLines.HEADER_VERSION);
        if (version != JsonLines.VERSION) {
            throw new IllegalArgumentException("format version " + version + " is not supported (this Millrace reads "
                    + JsonLines.VERSION + ")");
        }
        String status = requiredText(node, JsonLines.HEADER_STATUS);
        SessionStatus sessionStatus;
        try {
            sessionStatus = SessionStatus.fromDatabase(status);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown session status '" + status + "'");
        }
        JsonNode subscriptions = node.path(JsonLines.HEADER_SUBSCRIPTIONS);
        return new Header(requiredText(node, JsonLines.HEADER_NAME), sessionStatus,
                requiredInstant(node, JsonLines.HEADER_CREATED_AT), optionalInstant(node, JsonLines.HEADER_ENDED_AT),
                optionalText(node, JsonLines.BROKER_ID), optionalText(node, JsonLines.PROFILE),
                strings(node, JsonLines.HEADER_PROFILE_OPTIONS),
                subscriptions.isArray() ? SessionTable.subscriptions(subscriptions.toString()) : List.of(),
                node.path(JsonLines.HEADER_NOTES).asText(""), requiredLong(node, JsonLines.HEADER_RECEIVED),
                requiredLong(node, JsonLines.HEADER_RECORDED), requiredLong(node, JsonLines.HEADER_DROPPED),
                node.path(JsonLines.HEADER_PARTIAL).asBoolean(false));
    }

    static End end(JsonNode node) {
        return new End(requiredLong(node, JsonLines.END_ENTRIES));
    }

    static RecordedMessage message(JsonNode node, long sessionId) {
        onlyKnownFields(node, MESSAGE_FIELDS);
        long seq = requiredLong(node, JsonLines.SEQ);
        String encoding = requiredText(node, JsonLines.PAYLOAD_ENCODING);
        String payloadText = requiredText(node, JsonLines.PAYLOAD);
        byte[] payload = switch (encoding) {
            case JsonLines.ENCODING_UTF8 -> utf8(payloadText);
            case JsonLines.ENCODING_BASE64 -> base64(payloadText);
            default -> throw new IllegalArgumentException("unknown payload_encoding '" + encoding
                    + "' (utf-8, base64)");
        };
        JsonNode size = node.get(JsonLines.PAYLOAD_SIZE);
        if (size != null && !size.isNull() && size.asLong(-1) != payload.length) {
            throw new IllegalArgumentException("payload_size says " + size.asText() + " bytes but the payload has "
                    + payload.length + " (damaged payload?)");
        }
        Instant brokerTimestamp = optionalInstant(node, JsonLines.BROKER_TIMESTAMP);
        Instant receivedAt = requiredInstant(node, JsonLines.RECEIVED_AT);
        checkRepresentable(JsonLines.BROKER_TIMESTAMP, brokerTimestamp);
        checkRepresentable(JsonLines.RECEIVED_AT, receivedAt);
        Envelope envelope = new Envelope(optionalText(node, JsonLines.BROKER_ID), requiredText(node, JsonLines.TOPIC),
                optionalText(node, JsonLines.KEY), partition(node),
                optionalLong(node, JsonLines.SEQUENCE), brokerTimestamp, receivedAt,
                requiredLong(node, JsonLines.RECEIVED_NANOS), requiredBoolean(node, JsonLines.REDELIVERED));
        return new RecordedMessage(sessionId, seq, requiredText(node, JsonLines.ID),
                optionalText(node, JsonLines.PROFILE), envelope, optionalText(node, JsonLines.CORRELATION_ID),
                strings(node, JsonLines.METADATA), payload);
    }

    static GapMarker gap(JsonNode node, long sessionId) {
        onlyKnownFields(node, GAP_FIELDS);
        long dropped = requiredLong(node, JsonLines.DROPPED);
        if (dropped < 1) {
            throw new IllegalArgumentException("a gap must have dropped at least one message, says " + dropped);
        }
        Instant receivedAt = requiredInstant(node, JsonLines.RECEIVED_AT);
        checkRepresentable(JsonLines.RECEIVED_AT, receivedAt);
        return new GapMarker(sessionId, requiredLong(node, JsonLines.SEQ), optionalText(node, JsonLines.BROKER_ID),
                optionalText(node, JsonLines.PROFILE), requiredText(node, JsonLines.TOPIC), receivedAt,
                requiredLong(node, JsonLines.RECEIVED_NANOS), dropped);
    }

    private static void onlyKnownFields(JsonNode node, Set<String> known) {
        for (String field : (Iterable<String>) node::fieldNames) {
            if (!known.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'");
            }
        }
    }

    private static byte[] utf8(String text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the utf-8 payload holds text that is not valid Unicode");
        }
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the base64 payload is damaged (" + e.getMessage() + ")");
        }
    }

    private static void checkRepresentable(String field, Instant instant) {
        if (instant == null) {
            return;
        }
        try {
            EpochNanos.of(instant);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " " + instant + " is outside the years 1677 to 2262");
        }
    }

    private static Map<String, String> strings(JsonNode node, String field) {
        JsonNode object = node.get(field);
        if (object == null || object.isNull()) {
            return Map.of();
        }
        if (!object.isObject()) {
            throw new IllegalArgumentException("'" + field + "' must be an object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("'" + field + "." + entry.getKey() + "' must be a string");
            }
            values.put(entry.getKey(), entry.getValue().textValue());
        }
        return values;
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a string");
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string or null");
        }
        return value.textValue();
    }

    private static long requiredLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a whole number");
        }
        return value.longValue();
    }

    private static long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Envelope.NONE;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number or null");
        }
        return value.longValue();
    }

    private static int partition(JsonNode node) {
        long partition = optionalLong(node, JsonLines.PARTITION);
        if (partition != (int) partition) {
            throw new IllegalArgumentException("'" + JsonLines.PARTITION + "' " + partition + " is out of range");
        }
        return (int) partition;
    }

    private static boolean requiredBoolean(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not true/false");
        }
        return value.booleanValue();
    }

    private static Instant requiredInstant(JsonNode node, String field) {
        Instant instant = optionalInstant(node, field);
        if (instant == null) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return instant;
    }

    private static Instant optionalInstant(JsonNode node, String field) {
        String text = optionalText(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 instant: '" + text + "'");
        }
    }
}
