package dev.millrace.message;

/** The broker has no room for the message (memory or queue bound reached). */
public class CapacityExceededException extends MessagingException {

    public CapacityExceededException(String message) {
        super(message);
    }
}
