package dev.millrace.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which topic a replayed message goes to: its recorded topic, unless the mapping names another.
 *
 * @param topics recorded topic → target topic
 */
public record TopicMapping(Map<String, String> topics) {

    public TopicMapping {
        topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics));
    }

    /** Every message to its recorded topic. */
    public static TopicMapping identity() {
        return new TopicMapping(Map.of());
    }

    /** Parses {@code from=to} pairs, as the command line takes them. */
    public static TopicMapping parse(Iterable<String> pairs) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException("'" + pair + "' is not a topic mapping (recorded=target)");
            }
            topics.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return new TopicMapping(topics);
    }

    public String target(String recordedTopic) {
        return topics.getOrDefault(recordedTopic, recordedTopic);
    }
}
