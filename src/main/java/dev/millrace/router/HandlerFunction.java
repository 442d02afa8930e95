package dev.millrace.router;

import dev.millrace.message.Message;
import java.util.List;

/**
 * Handles one message and returns the messages to publish on the handler's publish topic (none: an empty list).
 * Throwing means the message was not processed: the router nacks it so that the broker delivers it again.
 */
@FunctionalInterface
public interface HandlerFunction {

    List<Message> handle(Message message) throws Exception;
}
