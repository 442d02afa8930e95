package dev.millrace.app.publish;

import dev.millrace.app.flow.CorrelationIndex;
import dev.millrace.app.fx.Problem;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the composer asks for, on the calling (background) thread: in batches as fast as the broker takes
 * them, or paced to a rate. Messages that carry a correlation id are noted in the correlation index so that their
 * flow starts with the publish.
 */
public final class PublishService {
    private static final Logger log = LoggerFactory.getLogger(PublishService.class);
    private static final int MAX_BATCH = 500;
    private static final long MAX_PAUSE_NANOS = 10_000_000L;

    private final CorrelationIndex index;

    public PublishService(CorrelationIndex index) {
        this.index = index;
    }

    /**
     * @param cancel   set to stop between batches
     * @param progress told the number sent so far after each batch
     */
    public SendResult send(BrokerConnection connection, String connectionName, PublishRequest request,
                           AtomicBoolean cancel, LongConsumer progress) {
        Instant at = Instant.now();
        long started = System.nanoTime();
        long sent = 0;
        Problem problem = null;
        try (Publisher publisher = connection.newPublisher()) {
            MessageFactory factory = new MessageFactory(request);
            while (sent < request.count() && !cancel.get()) {
                long due = due(request, System.nanoTime() - started);
                if (due <= sent) {
                    pauseUntilNext(request, started, sent);
                    continue;
                }
                int batchSize = (int) Math.min(due - sent, MAX_BATCH);
                List<Message> batch = new ArrayList<>(batchSize);
                for (int i = 1; i <= batchSize; i++) {
                    batch.add(factory.create(sent + i));
                }
                publisher.publish(request.topic(), batch);
                noteCorrelated(connectionName, request.topic(), batch);
                sent += batchSize;
                progress.accept(sent);
            }
        } catch (RuntimeException e) {
            problem = Problem.of(e);
            log.info("publishing to {} on {} stopped after {} messages: {}", request.topic(), connectionName, sent,
                    problem.summary());
        }
        return new SendResult(at, connectionName, request.topic(), request.count(), sent,
                Duration.ofNanos(System.nanoTime() - started), problem, problem == null && cancel.get());
    }

    /** How many messages should have gone out {@code elapsedNanos} into the send. */
    private static long due(PublishRequest request, long elapsedNanos) {
        if (request.ratePerSecond() == 0) {
            return request.count();
        }
        long due = (long) Math.floor(elapsedNanos / 1e9 * request.ratePerSecond()) + 1;
        return Math.min(request.count(), due);
    }

    private static void pauseUntilNext(PublishRequest request, long started, long sent) {
        long nextAt = started + (long) (sent / request.ratePerSecond() * 1e9);
        long wait = Math.min(MAX_PAUSE_NANOS, Math.max(100_000L, nextAt - System.nanoTime()));
        try {
            Thread.sleep(Duration.ofNanos(wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void noteCorrelated(String connectionName, String topic, List<Message> batch) {
        for (Message message : batch) {
            String correlationId = message.metadata().get(Message.CORRELATION_ID);
            if (!correlationId.isEmpty()) {
                index.published(correlationId, connectionName, topic, message.id(), Instant.now(), System.nanoTime());
            }
        }
    }
}
