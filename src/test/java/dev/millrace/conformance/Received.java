package dev.millrace.conformance;

import dev.millrace.message.Message;
import java.util.List;

/**
 * What a {@link MessageCollector} read.
 *
 * @param messages   the messages kept, in arrival order (distinct by id when the collector de-duplicated)
 * @param deliveries every delivery it acked, duplicates included
 */
record Received(List<Message> messages, int deliveries) {

    List<String> ids() {
        return messages.stream().map(Message::id).toList();
    }

    int size() {
        return messages.size();
    }
}
