package dev.millrace.app.live;

import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Problem;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Feature;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live path of one view: its own subscriptions (one reader thread per topic), each message captured and acked
 * at once, filtered on the reader thread and put into a bounded ring that the view drains once per frame. When the
 * view falls behind, the ring keeps the newest messages and counts the rest as dropped; readers never wait for the
 * screen, and nothing here touches another subscription (a recorder has its own).
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    /**
     * @param bufferCapacity messages that may wait for the next frame before the oldest are dropped
     * @param retained       recent messages kept unfiltered, so that a changed filter applies to them too
     */
    public record Settings(int bufferCapacity, int retained) {
        public static final Settings DEFAULT = new Settings(16_384, 10_000);
    }

    private final String connectionName;
    private final BrokerConnection connection;
    private final List<String> topics;
    private final Consumer<CapturedMessage> tap;
    private final ReentrantLock lock = new ReentrantLock();
    private final DroppingRing<CapturedMessage> pending;
    private final DroppingRing<CapturedMessage> history;
    private final TopicRates rates = new TopicRates();
    private final LongAdder received = new LongAdder();
    private final LongAdder filteredOut = new LongAdder();
    private final List<Thread> readers = new ArrayList<>();
    private volatile MessageFilter filter = MessageFilter.ALL;
    private volatile boolean closed;
    private volatile long dropped;
    private volatile Problem failure;
    private Subscriber subscriber;

    /**
     * @param tap sees every received message before filtering, on the reader thread (the correlation index);
     *            it must be quick and thread-safe
     */
    public LiveFeed(String connectionName, BrokerConnection connection, List<String> topics, Settings settings,
                    Consumer<CapturedMessage> tap) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a live view needs at least one topic");
        }
        this.connectionName = connectionName;
        this.connection = connection;
        this.topics = List.copyOf(topics);
        this.tap = tap;
        this.pending = new DroppingRing<>(settings.bufferCapacity());
        this.history = new DroppingRing<>(settings.retained());
    }

    /** Subscribes to every topic, starting at the newest message where the broker lets us choose. Blocking. */
    public void start() {
        SubscribeOptions options = connection.capabilities().has(Feature.START_POSITIONS)
                ? new SubscribeOptions(null, StartPosition.LATEST)
                : SubscribeOptions.DEFAULT;
        subscriber = connection.newSubscriber();
        try {
            for (String topic : topics) {
                Subscription subscription = subscriber.subscribe(topic, options);
                readers.add(Background.startDaemon("millrace-live-" + topic, () -> read(subscription)));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void read(Subscription subscription) {
        while (!closed) {
            Message message;
            try {
                message = subscription.receive(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (MessagingException e) {
                if (closed || subscription.isClosed()) {
                    // The connection was closed under the view (disconnect): say so once and stop.
                    failure = closed ? failure : Problem.of(e);
                    return;
                }
                failure = Problem.of(e);
                log.warn("live subscription to {} on {} failed: {}", subscription.topic(), connectionName, e.getMessage());
                pause(RETRY_AFTER_FAILURE);
                continue;
            }
            if (message == null) {
                if (subscription.isClosed()) {
                    return;
                }
                continue;
            }
            CapturedMessage captured = CapturedMessage.of(message, connectionName, subscription.topic());
            message.ack();
            accept(captured);
        }
    }

    /** Counts, taps, filters and buffers one message. */
    void accept(CapturedMessage captured) {
        received.increment();
        rates.count(captured.topic(), captured.size());
        tap.accept(captured);
        MessageFilter current = filter;
        boolean visible = current.matches(captured);
        lock.lock();
        try {
            history.add(captured);
            if (current != filter) {
                // The filter changed while this message was being judged; judge it by the new one.
                visible = filter.matches(captured);
            }
            if (visible) {
                pending.add(captured);
                dropped = pending.dropped();
            }
        } finally {
            lock.unlock();
        }
        if (!visible) {
            filteredOut.increment();
        }
    }

    /**
     * Moves up to {@code max} waiting messages, oldest first, into {@code target}. Called once per frame; never
     * waits: if a reader holds the lock at this instant, the messages are taken on the next frame.
     */
    public int drainTo(Collection<CapturedMessage> target, int max) {
        if (!lock.tryLock()) {
            return 0;
        }
        try {
            return pending.drainTo(target, max);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies {@code newFilter} from now on and returns the retained recent messages (unfiltered, oldest first) so
     * that the view can re-filter what it already shows; waiting messages are discarded since they are in there.
     */
    public List<CapturedMessage> refilter(MessageFilter newFilter) {
        lock.lock();
        try {
            filter = newFilter;
            pending.drainTo(new ArrayList<>(), Integer.MAX_VALUE);
            return history.snapshot();
        } finally {
            lock.unlock();
        }
    }

    public MessageFilter filter() {
        return filter;
    }

    public long received() {
        return received.sum();
    }

    public long filteredOut() {
        return filteredOut.sum();
    }

    /** Messages the view never showed because it fell behind. */
    public long dropped() {
        return dropped;
    }

    public TopicRates rates() {
        return rates;
    }

    public List<String> topics() {
        return topics;
    }

    public String connectionName() {
        return connectionName;
    }

    public BrokerConnection connection() {
        return connection;
    }

    /** The last failure of a subscription, if any (the readers keep retrying). */
    public Problem failure() {
        return failure;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the subscriptions; readers return within one poll interval. Safe to call more than once. */
    @Override
    public void close() {
        closed = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
