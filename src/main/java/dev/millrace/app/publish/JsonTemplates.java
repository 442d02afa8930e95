package dev.millrace.app.publish;

import dev.millrace.app.message.Payloads;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Formatting JSON that contains template variables, such as {@code {"n": {{seq}}}}. */
final class JsonTemplates {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*[A-Za-z_]+\\s*}}");
    private static final long MASK_BASE = 7_391_846_250_000L;

    private JsonTemplates() {
    }

    /**
     * The template re-indented. Each variable stands in as a number while formatting, which is valid JSON both as a
     * bare value and inside a string, and is put back afterwards.
     *
     * @throws IllegalArgumentException when the template is not JSON, saying where
     */
    static String pretty(String template) {
        Matcher variables = VARIABLE.matcher(template);
        List<String> found = new ArrayList<>();
        StringBuilder masked = new StringBuilder();
        while (variables.find()) {
            found.add(variables.group());
            variables.appendReplacement(masked, String.valueOf(MASK_BASE + found.size()));
        }
        variables.appendTail(masked);
        MessageFactory.checkJson(masked.toString(), 1);
        String pretty = Payloads.json(masked.toString().getBytes(StandardCharsets.UTF_8)).map(Payloads::prettyJson)
                .orElseThrow(() -> new IllegalArgumentException("only a JSON object or array can be formatted"));
        for (int i = found.size(); i >= 1; i--) {
            pretty = pretty.replace(String.valueOf(MASK_BASE + i), found.get(i - 1));
        }
        return pretty;
    }
}
