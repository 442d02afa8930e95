package dev.millrace.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * String-to-string message headers, kept in insertion order. A missing key reads as the empty string, as in
 * Watermill, so handlers can compare values without null checks. Not thread-safe: a message belongs to one
 * handler at a time.
 */
public final class Metadata {
    /**
     * Created on the first entry: a received message often has none, and an empty map per message was a measurable
     * share of what the subscribe path allocates.
     */
    private LinkedHashMap<String, String> entries;

    public Metadata() {
    }

    public Metadata(Map<String, String> initial) {
        this.entries = new LinkedHashMap<>(initial);
        entries.forEach((k, v) -> requireEntry(k, v));
    }

    public static Metadata of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Metadata metadata = new Metadata();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            metadata.set(keysAndValues[i], keysAndValues[i + 1]);
        }
        return metadata;
    }

    /** The value of {@code key}, or the empty string when it is absent. */
    public String get(String key) {
        String value = entries == null ? null : entries.get(key);
        return value == null ? "" : value;
    }

    public boolean contains(String key) {
        return entries != null && entries.containsKey(key);
    }

    public Metadata set(String key, String value) {
        requireEntry(key, value);
        entries().put(key, value);
        return this;
    }

    public String remove(String key) {
        return entries == null ? null : entries.remove(key);
    }

    public int size() {
        return entries == null ? 0 : entries.size();
    }

    public boolean isEmpty() {
        return entries == null || entries.isEmpty();
    }

    public void forEach(BiConsumer<String, String> action) {
        if (entries != null) {
            entries.forEach(action);
        }
    }

    /** A read-only, insertion-ordered view. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(entries());
    }

    public Metadata copy() {
        return entries == null ? new Metadata() : new Metadata(entries);
    }

    private LinkedHashMap<String, String> entries() {
        if (entries == null) {
            entries = new LinkedHashMap<>();
        }
        return entries;
    }

    private static void requireEntry(String key, String value) {
        Objects.requireNonNull(key, "metadata key");
        Objects.requireNonNull(value, () -> "metadata value of " + key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Metadata that && (isEmpty() ? that.isEmpty() : entries.equals(that.entries));
    }

    @Override
    public int hashCode() {
        return entries == null ? 0 : entries.hashCode();
    }

    @Override
    public String toString() {
        return entries == null ? "{}" : entries.toString();
    }
}
