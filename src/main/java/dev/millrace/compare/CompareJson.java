package dev.millrace.compare;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.millrace.broker.OptionValues;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON mapper of workload files and stored results. Durations read and write the way connection options do
 * ({@code 500ms}, {@code 30s}, {@code 2m}, or ISO-8601), instants as ISO-8601; Jackson's java.time module is not on
 * the class path and these two types are all that is needed.
 */
final class CompareJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("millrace-compare")
                    .addSerializer(Duration.class, new DurationSerializer())
                    .addDeserializer(Duration.class, new DurationDeserializer())
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer())
                    .addSerializer(Warmup.class, new WarmupSerializer())
                    .addDeserializer(Warmup.class, new WarmupDeserializer()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private CompareJson() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The shortest exact form: {@code 1h}, {@code 2m}, {@code 30s}, {@code 250ms}, else ISO-8601. */
    static String format(Duration duration) {
        if (duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    private static final class DurationSerializer extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(format(value));
        }
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return OptionValues.parseDuration(text == null ? "" : text);
            } catch (IllegalArgumentException e) {
                return (Duration) context.handleWeirdStringValue(Duration.class, text, e.getMessage());
            }
        }
    }

    /** A timed warm-up is a duration string, a counted one a number. */
    private static final class WarmupSerializer extends JsonSerializer<Warmup> {
        @Override
        public void serialize(Warmup value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            switch (value) {
                case Warmup.Timed timed -> generator.writeString(format(timed.duration()));
                case Warmup.Counted counted -> generator.writeNumber(counted.messages());
            }
        }
    }

    private static final class WarmupDeserializer extends JsonDeserializer<Warmup> {
        @Override
        public Warmup deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            try {
                if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    return Warmup.of(parser.getLongValue());
                }
                String text = parser.getValueAsString();
                if (text == null) {
                    return (Warmup) context.handleUnexpectedToken(Warmup.class, parser);
                }
                return Warmup.of(OptionValues.parseDuration(text));
            } catch (IllegalArgumentException e) {
                return (Warmup) context.handleWeirdStringValue(Warmup.class, parser.getText(),
                        e.getMessage() + " (a warm-up is a duration such as \"5s\" or a number of messages)");
            }
        }
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return Instant.parse(text == null ? "" : text);
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }
}
