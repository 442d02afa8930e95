package dev.millrace.broker.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.PayloadTooLargeException;
import dev.millrace.message.Publisher;
import java.io.IOException;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes with publisher confirms: a {@code publish} call sends all its messages on one channel, then waits until
 * the broker has confirmed every one of them.
 *
 * <p>AMQP channels must not be shared by threads that publish at the same time, so each call borrows a channel of
 * its own from a pool and gives it back afterwards; the pool grows to the number of threads publishing at once. A
 * channel that failed in any way is dropped, never reused.
 */
final class AmqpPublisher implements Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpPublisher.class);
    /** How RabbitMQ words a refused oversize message (a channel error). */
    private static final Pattern SERVER_SIZE_LIMIT = Pattern.compile("larger than configured max size (\\d+)");

    private final Connection connection;
    private final AmqpSettings settings;
    private final Set<String> declaredExchanges;
    private final Consumer<AmqpPublisher> onClose;
    private final Deque<Channel> idle = new ConcurrentLinkedDeque<>();
    /** Publishes hold the read lock; close takes the write lock and so waits for the publishes in flight. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;

    AmqpPublisher(Connection connection, AmqpSettings settings, Set<String> declaredExchanges,
                  Consumer<AmqpPublisher> onClose) {
        this.connection = connection;
        this.settings = settings;
        this.declaredExchanges = declaredExchanges;
        this.onClose = onClose;
    }

    @Override
    public void publish(String topic, List<Message> messages) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(messages, "messages");
        // Checked before anything is sent, so that an oversize message fails the call without half of it going out.
        for (Message message : messages) {
            if (message.payload().length > settings.maxMessageSize()) {
                throw new PayloadTooLargeException(topic, message.payload().length, settings.maxMessageSize());
            }
        }
        Lock lock = lifecycle.readLock();
        lock.lock();
        try {
            if (closed) {
                throw new MessagingException("the publisher is closed");
            }
            if (!messages.isEmpty()) {
                sendConfirmed(topic, messages);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the publishes in flight, then closes the channels. Idempotent. */
    @Override
    public void close() {
        Lock lock = lifecycle.writeLock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Channel channel = idle.poll(); channel != null; channel = idle.poll()) {
                closeQuietly(channel);
            }
        } finally {
            lock.unlock();
        }
        onClose.accept(this);
    }

    private void sendConfirmed(String topic, List<Message> messages) {
        String exchange = settings.topology().exchange(topic);
        // A second attempt only when the exchange had gone missing (deleted, or lost in a broker restart).
        for (int attempt = 1; ; attempt++) {
            Channel channel = borrow();
            boolean healthy = false;
            try {
                if (!declaredExchanges.contains(exchange)) {
                    settings.topology().declareExchange(channel, exchange);
                    declaredExchanges.add(exchange);
                }
                for (Message message : messages) {
                    AMQP.BasicProperties properties = MessageCodec.properties(message,
                            settings.topology().persistentMessages());
                    channel.basicPublish(exchange, settings.topology().routingKey(topic, message.key()), false,
                            properties, message.payload());
                }
                if (!channel.waitForConfirms(settings.publishTimeout().toMillis())) {
                    throw new MessagingException("RabbitMQ refused (nacked) a message published to '" + topic
                            + "'; it was not stored");
                }
                healthy = true;
                return;
            } catch (TimeoutException e) {
                throw new MessagingException("RabbitMQ did not confirm the messages published to '" + topic
                        + "' within " + settings.publishTimeout().toMillis() + " ms; they may or may not be stored", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessagingException("interrupted while waiting for RabbitMQ to confirm messages to '"
                        + topic + "'", e);
            } catch (IOException | ShutdownSignalException e) {
                Optional<ShutdownSignalException> signal = AmqpErrors.find(e, ShutdownSignalException.class);
                if (signal.isPresent() && !signal.get().isHardError()
                        && AmqpErrors.replyCode(signal.get()) == AMQP.NOT_FOUND && attempt == 1) {
                    declaredExchanges.remove(exchange);
                    continue;
                }
                throw tooLarge(topic, messages, signal)
                        .orElseGet(() -> AmqpErrors.failed("publishing to '" + topic + "'", e));
            } finally {
                if (healthy) {
                    idle.push(channel);
                } else {
                    discard(channel);
                }
            }
        }
    }

    private Channel borrow() {
        for (Channel channel = idle.poll(); channel != null; channel = idle.poll()) {
            if (channel.isOpen()) {
                return channel;
            }
            discard(channel);
        }
        try {
            Channel channel = connection.createChannel();
            if (channel == null) {
                throw new MessagingException("RabbitMQ has no channel left on this connection (channel_max reached)");
            }
            channel.confirmSelect();
            return channel;
        } catch (IOException | ShutdownSignalException e) {
            throw AmqpErrors.failed("opening a channel to publish", e);
        }
    }

    /** The broker's own size limit, when it is lower than the max-message-size option said. */
    private static Optional<MessagingException> tooLarge(String topic, List<Message> messages,
                                                         Optional<ShutdownSignalException> signal) {
        if (signal.isEmpty() || AmqpErrors.replyCode(signal.get()) != AMQP.PRECONDITION_FAILED) {
            return Optional.empty();
        }
        Matcher matcher = SERVER_SIZE_LIMIT.matcher(AmqpErrors.replyText(signal.get()));
        if (!matcher.find()) {
            return Optional.empty();
        }
        long largest = messages.stream().mapToLong(message -> message.payload().length).max().orElse(0);
        return Optional.of(new PayloadTooLargeException(topic, largest, Long.parseLong(matcher.group(1))));
    }

    private static void discard(Channel channel) {
        try {
            channel.abort();
        } catch (IOException | ShutdownSignalException e) {
            LOG.debug("dropping a failed publishing channel: {}", e.toString());
        }
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            LOG.debug("closing a publishing channel: {}", e.toString());
        }
    }
}
