package dev.millrace.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Message metadata as a JSON object whose keys keep the metadata's insertion order. */
final class MetadataJson {
    static final JsonFactory FACTORY = new JsonFactory();
    private static final String EMPTY = "{}";

    private MetadataJson() {
    }

    static String write(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return EMPTY;
        }
        StringWriter text = new StringWriter(32 * metadata.size());
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metadata as JSON", e);
        }
        return text.toString();
    }

    /** Reads what {@link #write} wrote: an unmodifiable, insertion-ordered map. */
    static Map<String, String> read(String json) {
        if (EMPTY.equals(json)) {
            return Map.of();
        }
        LinkedHashMap<String, String> metadata = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("metadata is not a JSON object: " + json);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw new IllegalArgumentException("metadata value of '" + key + "' is not a string");
                }
                metadata.put(key, parser.getText());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("metadata is not valid JSON: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(metadata);
    }
}
