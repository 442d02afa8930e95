package dev.millrace.app.publish;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One press of "Send": what to send, how often and how fast.
 *
 * @param topic         destination
 * @param key           key template, or empty for none
 * @param headers       header name → value template, in order
 * @param mode          how {@code payload} is read
 * @param payload       payload template (text, JSON or hex digits); unused for {@link PayloadMode#FILE}
 * @param file          payload file for {@link PayloadMode#FILE}, else {@code null}
 * @param count         messages to send, at least 1
 * @param ratePerSecond messages per second, or 0 for as fast as the broker takes them
 */
public record PublishRequest(String topic, String key, Map<String, String> headers, PayloadMode mode, String payload,
                             Path file, long count, double ratePerSecond) {

    public PublishRequest {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(mode, "mode");
        key = key == null ? "" : key;
        payload = payload == null ? "" : payload;
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (count < 1) {
            throw new IllegalArgumentException("send at least one message");
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("the rate cannot be negative");
        }
    }
}
