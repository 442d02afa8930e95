package dev.millrace.broker.nats;

import dev.millrace.message.MessagingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * NATS subject rules: which topics are valid subjects, how wildcards match, and how a topic becomes a stream or
 * consumer name (those may not contain the characters that give subjects their structure).
 */
final class Subjects {
    private static final String FORBIDDEN_IN_NAMES = ".*> /\\\t\r\n";

    private Subjects() {
    }

    /** Throws a readable error unless {@code topic} is a subject NATS accepts for publishing or subscribing. */
    static String requireValid(String topic, boolean wildcardsAllowed) {
        if (topic == null || topic.isEmpty()) {
            throw new MessagingException("a NATS subject must not be empty");
        }
        String[] tokens = topic.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isEmpty()) {
                throw new MessagingException("subject '" + topic + "' has an empty token (two dots, or a dot at "
                        + "either end)");
            }
            if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new MessagingException("subject '" + topic + "' contains white space or a control character");
            }
            boolean wildcard = token.equals("*") || token.equals(">");
            if (wildcard && !wildcardsAllowed) {
                throw new MessagingException("cannot publish to '" + topic + "': wildcards (* and >) are for "
                        + "subscriptions only");
            }
            if (token.equals(">") && i != tokens.length - 1) {
                throw new MessagingException("subject '" + topic + "': '>' may only be the last token");
            }
        }
        return topic;
    }

    static boolean hasWildcard(String subject) {
        for (String token : subject.split("\\.", -1)) {
            if (token.equals("*") || token.equals(">")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a message published on the literal {@code subject} is received by a subscription to {@code pattern}. */
    static boolean matches(String pattern, String subject) {
        String[] patternTokens = pattern.split("\\.", -1);
        String[] subjectTokens = subject.split("\\.", -1);
        for (int i = 0; i < patternTokens.length; i++) {
            String token = patternTokens[i];
            if (token.equals(">")) {
                return subjectTokens.length > i;
            }
            if (i >= subjectTokens.length || !(token.equals("*") || token.equals(subjectTokens[i]))) {
                return false;
            }
        }
        return patternTokens.length == subjectTokens.length;
    }

    /** Whether some literal subject is matched by both patterns (a subject is a pattern without wildcards). */
    static boolean overlap(String first, String second) {
        String[] a = first.split("\\.", -1);
        String[] b = second.split("\\.", -1);
        int common = Math.min(a.length, b.length);
        for (int i = 0; i < common; i++) {
            if (a[i].equals(">") || b[i].equals(">")) {
                return true;
            }
            if (!a[i].equals("*") && !b[i].equals("*") && !a[i].equals(b[i])) {
                return false;
            }
        }
        return a.length == b.length;
    }

    /**
     * {@code text} with every character NATS forbids in stream and consumer names replaced by {@code _}, so that a
     * topic like {@code orders.created} gives the readable name {@code orders_created}.
     */
    static String toName(String text) {
        StringBuilder name = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            name.append(FORBIDDEN_IN_NAMES.indexOf(c) >= 0 || Character.isISOControl(c) ? '_' : c);
        }
        return name.toString();
    }

    /** A short, stable hash of {@code text}, to tell apart names that {@link #toName} made equal. */
    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
