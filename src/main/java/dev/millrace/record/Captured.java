package dev.millrace.record;

import dev.millrace.message.Message;

/** A received message on its way from a subscriber thread to the writer. */
record Captured(Message message, String subscribedTopic) {
    /** Fixed per-message overhead counted against the queue's byte bound besides the payload. */
    private static final int OVERHEAD_BYTES = 256;

    long bytes() {
        return message.payload().length + OVERHEAD_BYTES;
    }
}
