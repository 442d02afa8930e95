package dev.millrace.router;

import dev.millrace.message.Message;

/** Handles one message and produces nothing; returning normally is success, throwing asks for redelivery. */
@FunctionalInterface
public interface ConsumerFunction {

    void handle(Message message) throws Exception;
}
