package dev.millrace.broker.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.millrace.message.MessagingException;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens subscriptions: each declares its exchange, queue and binding, then consumes the queue on a channel of its
 * own. A consumer group is a shared queue; a subscription without a group gets an exclusive queue of its own.
 */
final class AmqpSubscriber implements Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpSubscriber.class);

    private final Connection connection;
    private final AmqpSettings settings;
    private final Consumer<AmqpSubscriber> onClose;
    private final Set<AmqpSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    AmqpSubscriber(Connection connection, AmqpSettings settings, Consumer<AmqpSubscriber> onClose) {
        this.connection = connection;
        this.settings = settings;
        this.onClose = onClose;
    }

    /** Returns once the broker has registered the consumer, so messages published from then on reach it. */
    @Override
    public Subscription subscribe(String topic, SubscribeOptions options) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(options, "options");
        ensureOpen();
        requireQueueStart(options);
        Channel channel = openChannel();
        AmqpSubscription subscription = null;
        try {
            String queue = settings.topology().declareQueue(channel, topic, options.consumerGroup());
            channel.basicQos(settings.prefetch());
            subscription = new AmqpSubscription(topic, queue, channel, this);
            subscriptions.add(subscription);
            channel.basicConsume(queue, false, subscription.consumer());
        } catch (IOException | ShutdownSignalException e) {
            if (subscription != null) {
                forget(subscription);
            }
            closeQuietly(channel);
            throw AmqpErrors.failed("subscribing to '" + topic + "'", e);
        }
        if (closed.get()) {
            subscription.close();
            ensureOpen();
        }
        return subscription;
    }

    /**
     * Declares the exchange and, for a consumer group, its queue and binding, so that the group's queue keeps what
     * is published from now on. A subscription without a group has nothing to prepare: its queue lives only as long
     * as the subscription.
     */
    @Override
    public void initialize(String topic, SubscribeOptions options) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(options, "options");
        ensureOpen();
        Channel channel = openChannel();
        try {
            Topology topology = settings.topology();
            if (options.consumerGroup() == null) {
                topology.declareExchange(channel, topology.exchange(topic));
            } else {
                topology.declareQueue(channel, topic, options.consumerGroup());
            }
        } catch (IOException | ShutdownSignalException e) {
            throw AmqpErrors.failed("declaring the exchange and queue of '" + topic + "'", e);
        } finally {
            closeQuietly(channel);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            List.copyOf(subscriptions).forEach(AmqpSubscription::close);
            onClose.accept(this);
        }
    }

    void forget(AmqpSubscription subscription) {
        subscriptions.remove(subscription);
    }

    /**
     * A queue is read from its head: what a new group's queue holds is everything since it was declared, and an
     * existing group continues where it is. Positions that need an index into history are not available.
     */
    private static void requireQueueStart(SubscribeOptions options) {
        boolean supported = switch (options.start()) {
            case StartPosition.Committed committed -> true;
            case StartPosition.Earliest earliest -> true;
            case StartPosition.Latest latest -> options.consumerGroup() == null;
            case StartPosition.AtSequence at -> false;
            case StartPosition.AtTime at -> false;
        };
        if (!supported) {
            throw new MessagingException("RabbitMQ queues are read from their head; cannot start a subscription at "
                    + options.start() + (options.consumerGroup() == null ? ""
                    : " for consumer group '" + options.consumerGroup() + "'")
                    + ". Use StartPosition.COMMITTED or EARLIEST");
        }
    }

    private Channel openChannel() {
        try {
            Channel channel = connection.createChannel();
            if (channel == null) {
                throw new MessagingException("RabbitMQ has no channel left on this connection (channel_max reached)");
            }
            return channel;
        } catch (IOException | ShutdownSignalException e) {
            throw AmqpErrors.failed("opening a channel to subscribe", e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new MessagingException("the subscriber is closed");
        }
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            LOG.debug("closing a channel: {}", e.toString());
        }
    }
}
