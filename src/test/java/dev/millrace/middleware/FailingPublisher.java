package dev.millrace.middleware;

import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Publisher;
import java.util.List;

/** Decorates a real publisher whose every publish fails, as when the broker is down. */
final class FailingPublisher implements Publisher {
    private final Publisher delegate;

    FailingPublisher(Publisher delegate) {
        this.delegate = delegate;
    }

    @Override
    public void publish(String topic, List<Message> messages) {
        throw new MessagingException("publishing to " + topic + " failed on purpose");
    }

    @Override
    public void close() {
        delegate.close();
    }
}
