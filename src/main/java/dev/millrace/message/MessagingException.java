package dev.millrace.message;

/** A broker or messaging failure, with a message meant to be shown to a person. */
public class MessagingException extends RuntimeException {

    public MessagingException(String message) {
        super(message);
    }

    public MessagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
