package dev.millrace.app.fx;

import dev.millrace.message.ConnectionException;
import dev.millrace.message.MessagingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A failure as a person reads it: one plain sentence, and the chain of causes for whoever asks for details. Stack
 * traces go to the log, never to the screen.
 *
 * @param summary what went wrong, in plain words
 * @param details the causes, one per line, outermost first
 */
public record Problem(String summary, String details) {

    public static Problem of(Throwable failure) {
        Throwable cause = unwrap(failure);
        return new Problem(summarize(cause), chain(cause));
    }

    public static Problem of(String summary) {
        return new Problem(summary, "");
    }

    /** Strips the wrappers that executors and futures add around the failure that matters. */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof UncheckedIOException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String summarize(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        return switch (cause) {
            case ConnectionException connection -> switch (connection.reason()) {
                case UNREACHABLE -> "The broker could not be reached. " + message;
                case REFUSED -> "The broker refused the connection. " + message;
                case AUTHENTICATION -> "The broker did not accept the credentials. " + message;
                case INVALID_OPTIONS -> "Some connection options are not valid: " + stripPrefix(message);
                case TIMEOUT -> "The broker did not answer in time. " + message;
                case OTHER -> "Connecting failed. " + message;
            };
            case MessagingException messaging -> capitalize(message);
            case TimeoutException timeout -> "No answer within the time limit"
                    + (message.isEmpty() ? "." : ": " + message);
            case IOException io -> "Reading or writing a file failed: " + message;
            case IllegalArgumentException illegal -> capitalize(message);
            default -> "Something went wrong (" + cause.getClass().getSimpleName() + ")"
                    + (message.isEmpty() ? "." : ": " + message);
        };
    }

    private static String chain(Throwable cause) {
        List<String> lines = new ArrayList<>();
        for (Throwable current = cause; current != null && lines.size() < 10; current = current.getCause()) {
            lines.add(current.getClass().getSimpleName() + (current.getMessage() == null ? "" : ": " + current.getMessage()));
            if (current.getCause() == current) {
                break;
            }
        }
        return String.join("\n", lines);
    }

    private static String stripPrefix(String message) {
        String prefix = "invalid connection options: ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? "Failed." : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
