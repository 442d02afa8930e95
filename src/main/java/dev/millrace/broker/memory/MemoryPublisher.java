package dev.millrace.broker.memory;

import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.PayloadTooLargeException;
import dev.millrace.message.Publisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Publishes into a memory broker. A call is checked as a whole before anything is stored, then appended under one
 * acquisition of the topic's lock: either every message of the call is stored or none is.
 */
final class MemoryPublisher implements Publisher {
    private final MemoryBroker broker;
    private final Consumer<MemoryPublisher> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    MemoryPublisher(MemoryBroker broker, Consumer<MemoryPublisher> onClose) {
        this.broker = broker;
        this.onClose = onClose;
    }

    @Override
    public void publish(String topic, List<Message> messages) {
        Objects.requireNonNull(messages, "messages");
        if (closed.get()) {
            throw new MessagingException("the publisher is closed");
        }
        long maxPayload = broker.settings().maxPayload();
        List<StoredMessage> batch = new ArrayList<>(messages.size());
        long bytes = 0;
        for (Message message : messages) {
            if (message.payload().length > maxPayload) {
                throw new PayloadTooLargeException(topic, message.payload().length, maxPayload);
            }
            StoredMessage stored = StoredMessage.of(message);
            batch.add(stored);
            bytes += stored.size();
        }
        broker.topic(topic).append(batch, bytes);
    }

    /** Nothing is ever pending: publishing is synchronous. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }
}
