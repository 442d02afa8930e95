package dev.millrace.app.flow;

import dev.millrace.app.message.CapturedMessage;
import java.time.Instant;

/** One thing that happened to a correlated flow, at a point on this process's nanosecond clock. */
public sealed interface FlowStep {

    /** Nanosecond clock of the step, comparable across steps seen by this process. */
    long nanos();

    Instant at();

    /** Where the step happened: a topic, or a handler. */
    String place();

    /** A message was published to {@code topic} by the workbench (composer or demo publisher). */
    record Published(String connection, String topic, String messageId, Instant at, long nanos) implements FlowStep {
        @Override
        public String place() {
            return topic;
        }
    }

    /**
     * A message was on a topic.
     *
     * @param nanos when it was first seen there: by a live view, or earlier by a handler that consumed it
     */
    record Received(CapturedMessage message, long nanos) implements FlowStep {
        public Received(CapturedMessage message) {
            this(message, message.receivedNanos());
        }

        @Override
        public Instant at() {
            return message.receivedAt();
        }

        @Override
        public String place() {
            return message.topic();
        }
    }

    /** A handler the workbench runs (the demo's {@code hello_handler}) started on a message. */
    record Handled(String handler, String messageId, Instant at, long nanos) implements FlowStep {
        @Override
        public String place() {
            return handler;
        }
    }
}
