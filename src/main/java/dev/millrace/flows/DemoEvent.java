package dev.millrace.flows;

import java.util.Map;

/** What the demo flow reports as it runs, for the CLI to print and the workbench to show. */
public sealed interface DemoEvent {

    /** The publisher sent a greeting to {@code incoming_topic}. */
    record Sent(long number, String messageId, String correlationId) implements DemoEvent {
    }

    /** {@code hello_handler}'s own middleware saw a message before the handler ran. */
    record HandlerMiddleware(String handler, String messageId) implements DemoEvent {
    }

    /** A consumer handler printed a message it received. */
    record Received(String handler, String topic, String messageId, String correlationId, String payload,
                    Map<String, String> metadata) implements DemoEvent {
    }
}
