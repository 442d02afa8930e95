package dev.millrace.middleware;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A handler "panicked": it threw an unchecked exception or an error. Made by {@link Recoverer} so that the failure
 * travels as an ordinary, checked error value with the original stack trace as text, which retry, the poison
 * queue's {@code reason_poisoned} and logs all see. The original is the cause.
 */
public class HandlerPanicException extends Exception {
    private final String stackTraceText;

    public HandlerPanicException(Throwable panic) {
        this(panic, stackTraceOf(panic));
    }

    private HandlerPanicException(Throwable panic, String stackTraceText) {
        // Our own stack would only show the Recoverer frame; the interesting one is the panic's.
        super("handler panicked: " + panic + "\n" + stackTraceText, panic, true, false);
        this.stackTraceText = stackTraceText;
    }

    /** The original throwable's stack trace, as {@link Throwable#printStackTrace()} would print it. */
    public String stackTraceText() {
        return stackTraceText;
    }

    private static String stackTraceOf(Throwable panic) {
        StringWriter text = new StringWriter();
        panic.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
