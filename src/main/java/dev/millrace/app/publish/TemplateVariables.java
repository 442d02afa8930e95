package dev.millrace.app.publish;

import dev.millrace.message.Message;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{uuid}}}, {@code {{seq}}}, {@code {{now}}} and {@code {{random}}} into payloads, keys and header
 * values, fresh for every message of a send. Anything else in double braces is an error, so a typo does not go out
 * as literal text.
 */
public final class TemplateVariables {
    public static final List<String> NAMES = List.of("uuid", "seq", "now", "random");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");

    private TemplateVariables() {
    }

    /** @param sequence the message's number within its send, from 1 */
    public static String render(String template, long sequence) {
        if (template == null || template.indexOf("{{") < 0) {
            return template;
        }
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder rendered = new StringBuilder(template.length() + 32);
        while (matcher.find()) {
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value(matcher.group(1), sequence)));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    /** The unknown variables in {@code template}, for the composer to complain about before sending. */
    public static List<String> unknown(String template) {
        if (template == null) {
            return List.of();
        }
        return VARIABLE.matcher(template).results().map(result -> result.group(1))
                .filter(name -> !NAMES.contains(name)).distinct().toList();
    }

    private static String value(String name, long sequence) {
        return switch (name) {
            case "uuid" -> Message.newId();
            case "seq" -> Long.toString(sequence);
            case "now" -> Instant.now().toString();
            case "random" -> Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000));
            default -> throw new IllegalArgumentException("unknown template variable {{" + name + "}}; known: "
                    + String.join(", ", NAMES.stream().map(known -> "{{" + known + "}}").toList()));
        };
    }
}
