package dev.millrace.broker;

import java.util.List;
import java.util.Objects;

/**
 * The description of one connection option. The connection form, the CLI flags and the docs are all generated from
 * these, so an adapter describes each option once.
 *
 * @param name         key in the option map, e.g. {@code bootstrap.servers}
 * @param type         how the value is parsed
 * @param defaultValue value used when none is given, or {@code null}
 * @param required     the connection cannot be opened without it
 * @param secret       masked in forms, never stored in plain text, never logged or exported
 * @param description  one sentence for people
 * @param choices      allowed values for {@link OptionType#CHOICE}, empty otherwise
 */
public record OptionSpec(
        String name,
        OptionType type,
        String defaultValue,
        boolean required,
        boolean secret,
        String description,
        List<String> choices) {

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (type == OptionType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("option " + name + " is a choice without choices");
        }
    }

    public static OptionSpec optional(String name, OptionType type, String defaultValue, String description) {
        return new OptionSpec(name, type, defaultValue, false, false, description, List.of());
    }

    public static OptionSpec required(String name, OptionType type, String description) {
        return new OptionSpec(name, type, null, true, false, description, List.of());
    }

    public static OptionSpec secret(String name, String description) {
        return new OptionSpec(name, OptionType.STRING, null, false, true, description, List.of());
    }

    public static OptionSpec choice(String name, String defaultValue, String description, String... choices) {
        return new OptionSpec(name, OptionType.CHOICE, defaultValue, false, false, description, List.of(choices));
    }
}
