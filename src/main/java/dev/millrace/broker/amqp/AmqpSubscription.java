package dev.millrace.broker.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.millrace.message.Context;
import dev.millrace.message.Message;
import dev.millrace.message.Outcome;
import dev.millrace.message.Subscription;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer on one queue, on a channel of its own. The broker sends up to {@code prefetch} messages ahead; they
 * wait here and are handed out one at a time: the next only after the current one is acked or nacked.
 *
 * <p>An ack or nack goes to the broker on the thread that settles the message. Closing the subscription closes its
 * channel, and the broker puts every message it had sent and not yet seen acked back into the queue.
 *
 * <p>When the connection drops, amqp-client reconnects and consumes again on a fresh channel. Messages sent ahead
 * before the drop are then forgotten here, because the broker requeued them and sends them again; a message handed
 * out before the drop is still settled by its reader, but the broker ignores that and delivers it again (the client
 * drops acks of delivery tags from before the reconnect).
 */
final class AmqpSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpSubscription.class);

    private final String topic;
    private final String queue;
    private final Channel channel;
    private final AmqpSubscriber owner;
    private final Context context = Context.background().withCancel();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Delivery> sentAhead = new ArrayDeque<>();
    private boolean handedOut;
    private volatile boolean closed;

    AmqpSubscription(String topic, String queue, Channel channel, AmqpSubscriber owner) {
        this.topic = topic;
        this.queue = queue;
        this.channel = channel;
        this.owner = owner;
    }

    @Override
    public String topic() {
        return topic;
    }

    String queue() {
        return queue;
    }

    /** The amqp-client callback that feeds this subscription. */
    Consumer consumer() {
        return new QueueConsumer();
    }

    @Override
    public Message receive(Duration timeout) throws InterruptedException {
        Delivery delivery;
        lock.lock();
        try {
            long remaining = nanos(timeout);
            while (closed || handedOut || sentAhead.isEmpty()) {
                if (closed || remaining <= 0) {
                    return null;
                }
                remaining = changed.awaitNanos(remaining);
            }
            delivery = sentAhead.poll();
            handedOut = true;
        } finally {
            lock.unlock();
        }
        return toMessage(delivery);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (end("subscription closed")) {
            closeChannel();
        }
    }

    private Message toMessage(Delivery delivery) {
        Envelope envelope = delivery.getEnvelope();
        long deliveryTag = envelope.getDeliveryTag();
        Message message = MessageCodec.received(topic, delivery.getProperties(), delivery.getBody(),
                envelope.getRoutingKey(), deliveryTag, envelope.isRedeliver());
        Context messageContext = context.withCancel();
        message.setContext(messageContext);
        message.whenSettled(outcome -> settle(deliveryTag, outcome, messageContext));
        return message;
    }

    private void settle(long deliveryTag, Outcome outcome, Context messageContext) {
        try {
            if (outcome == Outcome.ACKED) {
                channel.basicAck(deliveryTag, false);
            } else {
                channel.basicNack(deliveryTag, false, true);
            }
        } catch (IOException | ShutdownSignalException e) {
            // The channel is gone, and with it the delivery: the broker has requeued the message already.
            LOG.debug("{} of a message from queue '{}' not sent: {}", outcome, queue, e.toString());
        } finally {
            lock.lock();
            try {
                handedOut = false;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            messageContext.cancel(outcome == Outcome.ACKED ? "acked" : "nacked");
        }
    }

    /** Marks the subscription closed and wakes its readers; false if it already was. */
    private boolean end(String cause) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            sentAhead.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        context.cancel(cause);
        owner.forget(this);
        return true;
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            LOG.debug("closing the channel of queue '{}': {}", queue, e.toString());
        }
    }

    private static long nanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** Runs on amqp-client's consumer threads, one callback at a time per channel. */
    private final class QueueConsumer implements Consumer {

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                   byte[] body) {
            lock.lock();
            try {
                if (!closed) {
                    sentAhead.add(new Delivery(envelope, properties, body));
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
            lock.lock();
            try {
                sentAhead.clear();
            } finally {
                lock.unlock();
            }
            if (signal.isHardError() && !signal.isInitiatedByApplication()) {
                // The connection logs the loss once; amqp-client consumes again after reconnecting.
                LOG.debug("connection lost while consuming queue '{}': {}", queue, AmqpErrors.replyText(signal));
            } else if (!signal.isInitiatedByApplication()) {
                LOG.warn("RabbitMQ closed the channel consuming queue '{}': {}", queue, AmqpErrors.replyText(signal));
                end("channel closed by the broker");
            }
        }

        @Override
        public void handleCancel(String consumerTag) {
            LOG.warn("RabbitMQ cancelled the consumer of queue '{}' (was the queue deleted?); the subscription to "
                    + "'{}' ends", queue, topic);
            if (end("consumer cancelled by the broker")) {
                // Not on this callback thread: closing waits for the channel's callbacks to finish.
                Thread.ofVirtual().name("millrace-amqp-close").start(AmqpSubscription.this::closeChannel);
            }
        }

        @Override
        public void handleConsumeOk(String consumerTag) {
        }

        @Override
        public void handleCancelOk(String consumerTag) {
        }

        @Override
        public void handleRecoverOk(String consumerTag) {
        }
    }
}
