package dev.millrace.router;

import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Publisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Decorates a real publisher to make it fail on demand and to count what reaches it. */
final class TestPublisher implements Publisher {
    private final Publisher delegate;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger closes = new AtomicInteger();
    private final List<Integer> callSizes = new CopyOnWriteArrayList<>();
    private volatile Consumer<List<Message>> beforePublish = messages -> {
    };

    TestPublisher(Publisher delegate) {
        this.delegate = delegate;
    }

    TestPublisher failing(boolean fail) {
        failing.set(fail);
        return this;
    }

    TestPublisher beforePublish(Consumer<List<Message>> hook) {
        beforePublish = hook;
        return this;
    }

    /** How many messages each publish call carried, failed calls included. */
    List<Integer> callSizes() {
        return callSizes;
    }

    int closes() {
        return closes.get();
    }

    @Override
    public void publish(String topic, List<Message> messages) {
        callSizes.add(messages.size());
        beforePublish.accept(messages);
        if (failing.get()) {
            throw new MessagingException("publishing to " + topic + " failed on purpose");
        }
        delegate.publish(topic, messages);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        delegate.close();
    }
}
