package dev.millrace.record;

import java.time.Duration;
import java.util.Objects;

/**
 * How a recording buffers and batches.
 *
 * @param queueCapacity most messages waiting between the subscriber threads and the writer
 * @param queueBytes    most payload bytes waiting there (at least one message is always admitted)
 * @param maxBatchRows  most rows written in one transaction
 * @param maxBatchBytes most payload bytes written in one transaction (at least one message per transaction)
 * @param maxBatchDelay how long the writer waits for more messages before committing a batch that is not full,
 *                      for brokers without acknowledgements; with acknowledgements it commits as soon as the queue
 *                      is empty, since the brokers wait for its acks before they deliver more
 * @param messageLimit  stop by itself after this many recorded messages; 0 for no limit
 */
public record RecorderSettings(int queueCapacity, long queueBytes, int maxBatchRows, long maxBatchBytes,
        Duration maxBatchDelay, long messageLimit) {

    /**
     * Transactions of at most 4,096 messages or 2 MiB of payload: H2 serializes each commit into a write buffer
     * that it reuses only up to 4 MiB, and allocating a fresh, larger one per commit costs the recorder more in
     * garbage collection than the extra commits cost in I/O.
     */
    public static final RecorderSettings DEFAULTS = new RecorderSettings(100_000, 256L << 20, 4_096, 2L << 20,
            Duration.ofMillis(50), 0);

    public RecorderSettings {
        Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
        if (queueCapacity < 1 || queueBytes < 1 || maxBatchRows < 1 || maxBatchBytes < 1) {
            throw new IllegalArgumentException("queue and batch bounds must be positive");
        }
        if (maxBatchDelay.isNegative() || messageLimit < 0) {
            throw new IllegalArgumentException("maxBatchDelay and messageLimit must not be negative");
        }
    }

    public RecorderSettings withMessageLimit(long limit) {
        return new RecorderSettings(queueCapacity, queueBytes, maxBatchRows, maxBatchBytes, maxBatchDelay, limit);
    }

    public RecorderSettings withQueueCapacity(int capacity) {
        return new RecorderSettings(capacity, queueBytes, maxBatchRows, maxBatchBytes, maxBatchDelay, messageLimit);
    }

    public RecorderSettings withBatch(int rows, Duration delay) {
        return new RecorderSettings(queueCapacity, queueBytes, rows, maxBatchBytes, delay, messageLimit);
    }
}
