package dev.millrace.app.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.app.message.Payloads;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which messages a live view shows. Filters run on the subscription threads, never on the FX thread, so even a
 * JSONPath filter at a high rate does not cost frames.
 */
public sealed interface MessageFilter {

    /** How the filter text is read. */
    enum Mode {
        TEXT("Text"),
        REGEX("Regex"),
        HEADER("Header"),
        JSON_PATH("JSONPath");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    MessageFilter ALL = new All();

    boolean matches(CapturedMessage message);

    /**
     * The filter that {@code text} means in {@code mode}; blank text shows everything. A malformed expression
     * fails with an {@link IllegalArgumentException} whose message says what is wrong.
     */
    static MessageFilter parse(Mode mode, String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return ALL;
        }
        return switch (mode) {
            case TEXT -> new Text(trimmed.toLowerCase(Locale.ROOT));
            case REGEX -> new Regex(compile(trimmed));
            case HEADER -> Header.parse(trimmed);
            case JSON_PATH -> JsonPathMatch.parse(trimmed);
        };
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription()
                    + " near position " + e.getIndex());
        }
    }

    /** Searchable text of a message: topic, key, id, headers and payload (when it is text). */
    private static boolean anyField(CapturedMessage message, Predicate<String> test) {
        if (test.test(message.topic()) || test.test(message.key()) || test.test(message.id())) {
            return true;
        }
        for (Map.Entry<String, String> header : message.metadata().entrySet()) {
            if (test.test(header.getKey()) || test.test(header.getValue())) {
                return true;
            }
        }
        return Payloads.isText(message.payload()) && test.test(payloadText(message));
    }

    private static String payloadText(CapturedMessage message) {
        int length = Math.min(message.payload().length, Payloads.DISPLAY_LIMIT);
        return new String(message.payload(), 0, length, StandardCharsets.UTF_8);
    }

    /** Shows everything. */
    record All() implements MessageFilter {
        @Override
        public boolean matches(CapturedMessage message) {
            return true;
        }
    }

    /** Case-insensitive substring of topic, key, id, a header or the payload. */
    record Text(String lowerCaseNeedle) implements MessageFilter {
        @Override
        public boolean matches(CapturedMessage message) {
            return anyField(message, field -> field.toLowerCase(Locale.ROOT).contains(lowerCaseNeedle));
        }
    }

    /** A regular expression found in topic, key, id, a header or the payload. */
    record Regex(Pattern pattern) implements MessageFilter {
        @Override
        public boolean matches(CapturedMessage message) {
            return anyField(message, field -> pattern.matcher(field).find());
        }
    }

    /** {@code name} (header present), {@code name=value} (equal) or {@code name~regex} (value matches). */
    record Header(String name, Optional<String> value, Optional<Pattern> valuePattern) implements MessageFilter {

        static Header parse(String text) {
            int equals = text.indexOf('=');
            int tilde = text.indexOf('~');
            if (equals > 0 && (tilde < 0 || equals < tilde)) {
                return new Header(text.substring(0, equals).trim(), Optional.of(text.substring(equals + 1).trim()),
                        Optional.empty());
            }
            if (tilde > 0) {
                return new Header(text.substring(0, tilde).trim(), Optional.empty(),
                        Optional.of(compile(text.substring(tilde + 1).trim())));
            }
            if (equals == 0 || tilde == 0) {
                throw new IllegalArgumentException("a header filter starts with the header name: name, name=value "
                        + "or name~regex");
            }
            return new Header(text, Optional.empty(), Optional.empty());
        }

        @Override
        public boolean matches(CapturedMessage message) {
            String actual = message.metadata().get(name);
            if (actual == null) {
                return false;
            }
            if (value.isPresent()) {
                return value.get().equals(actual);
            }
            return valuePattern.map(pattern -> pattern.matcher(actual).find()).orElse(true);
        }
    }

    /**
     * A JSONPath on JSON payloads: a message matches when the path finds something that is not null, e.g.
     * {@code $.user.id} or {@code $[?(@.type == 'order')]}. Messages that are not JSON never match.
     */
    record JsonPathMatch(String expression, JsonPath path) implements MessageFilter {
        private static final Configuration JACKSON = Configuration.builder()
                .jsonProvider(new JacksonJsonNodeJsonProvider())
                .mappingProvider(new JacksonMappingProvider())
                .options(Option.SUPPRESS_EXCEPTIONS)
                .build();

        static JsonPathMatch parse(String expression) {
            try {
                return new JsonPathMatch(expression, JsonPath.compile(expression));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a valid JSONPath: " + e.getMessage());
            }
        }

        @Override
        public boolean matches(CapturedMessage message) {
            Optional<JsonNode> json = Payloads.json(message.payload());
            if (json.isEmpty()) {
                return false;
            }
            Object found = JsonPath.using(JACKSON).parse(json.get()).read(path);
            if (found instanceof JsonNode node) {
                return !node.isNull() && !(node.isArray() && node.isEmpty()) && !node.isMissingNode();
            }
            return found != null;
        }
    }
}
