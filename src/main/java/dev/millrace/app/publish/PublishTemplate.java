package dev.millrace.app.publish;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A saved composer state, reused with one click.
 *
 * @param name          what the user called it
 * @param topic         destination topic
 * @param key           key template
 * @param headers       header name → value template
 * @param mode          payload mode
 * @param payload       payload template
 * @param count         repeat count
 * @param ratePerSecond rate, 0 for unpaced
 */
public record PublishTemplate(String name, String topic, String key, Map<String, String> headers, PayloadMode mode,
                              String payload, long count, double ratePerSecond) {

    public PublishTemplate {
        headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
        mode = mode == null ? PayloadMode.TEXT : mode;
        count = Math.max(1, count);
    }

    @Override
    public String toString() {
        return name;
    }
}
