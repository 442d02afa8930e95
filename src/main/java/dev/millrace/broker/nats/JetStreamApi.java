package dev.millrace.broker.nats;

import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionType;
import dev.millrace.broker.OptionValues;
import io.nats.client.JetStreamOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which JetStream API the adapter talks to: the one of the server it is connected to, the one of another JetStream
 * domain (a hub seen from a leaf node, say), or one another account exports under a subject prefix. Every JetStream
 * request of a connection goes there: stream and consumer management, and the pull requests of subscriptions.
 *
 * @param domain    the JetStream domain, or null
 * @param apiPrefix the API subject prefix, or null; at most one of the two is set
 */
record JetStreamApi(String domain, String apiPrefix) {
    static final String DOMAIN = "jetstream-domain";
    static final String API_PREFIX = "jetstream-api-prefix";

    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional(DOMAIN, OptionType.STRING, null,
                    "JetStream domain to use (the server's jetstream { domain }), e.g. the hub's from a leaf node; "
                            + "default: the connected server's own JetStream"),
            OptionSpec.optional(API_PREFIX, OptionType.STRING, null,
                    "Subject prefix of a JetStream API imported from another account (instead of $JS.API); "
                            + "excludes " + DOMAIN));

    static JetStreamApi from(OptionValues values) {
        List<String> problems = new ArrayList<>();
        String domain = values.string(DOMAIN);
        String apiPrefix = values.string(API_PREFIX);
        if (domain != null && apiPrefix != null) {
            problems.add("options '" + DOMAIN + "' and '" + API_PREFIX + "' exclude each other: a domain stands "
                    + "for the prefix $JS.<domain>.API");
        }
        if (domain != null && !validToken(domain)) {
            problems.add("option '" + DOMAIN + "' must be one subject token (printable, without spaces, '.', '*' "
                    + "or '>'), got '" + domain + "'");
        }
        if (apiPrefix != null && !validPrefix(apiPrefix)) {
            problems.add("option '" + API_PREFIX + "' must be a subject without wildcards or spaces, got '"
                    + apiPrefix + "'");
        }
        if (!problems.isEmpty()) {
            throw NatsSettings.invalid(problems);
        }
        return new JetStreamApi(domain, apiPrefix);
    }

    /** The jnats options for the JetStream context and management of a connection. */
    JetStreamOptions clientOptions(Duration requestTimeout) {
        JetStreamOptions.Builder builder = JetStreamOptions.builder().requestTimeout(requestTimeout);
        if (domain != null) {
            builder.domain(domain);
        }
        if (apiPrefix != null) {
            builder.prefix(apiPrefix);
        }
        return builder.build();
    }

    /** Names the API for messages: the domain or prefix when one is set. */
    String describe() {
        if (domain != null) {
            return "JetStream domain '" + domain + "'";
        }
        return apiPrefix != null ? "the JetStream API at prefix '" + apiPrefix + "'" : "JetStream";
    }

    private static boolean validToken(String token) {
        return !token.isEmpty() && token.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '.' && c != '*'
                && c != '>');
    }

    private static boolean validPrefix(String prefix) {
        return !prefix.isEmpty() && !prefix.startsWith(".") && !prefix.contains("..")
                && prefix.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '*' && c != '>');
    }
}
