package dev.millrace.router;

import dev.millrace.message.MessagingException;
import java.time.Duration;
import java.util.List;

/**
 * {@link Router#close()} gave up waiting for in-flight messages. The router is closed all the same; the handlers
 * named here were still running and their messages will be redelivered where the broker keeps them.
 */
public class RouterCloseTimeoutException extends MessagingException {
    private final List<String> busyHandlers;

    public RouterCloseTimeoutException(Duration closeTimeout, List<String> busyHandlers) {
        super("router did not finish its in-flight messages within " + closeTimeout
                + "; still busy: " + String.join(", ", busyHandlers));
        this.busyHandlers = List.copyOf(busyHandlers);
    }

    /** Names of the handlers that still had a message in progress. */
    public List<String> busyHandlers() {
        return busyHandlers;
    }
}
