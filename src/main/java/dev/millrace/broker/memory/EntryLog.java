package dev.millrace.broker.memory;

import java.time.Instant;

/**
 * The retained messages of one topic, addressed by sequence number (the first message of a topic is 1). A ring
 * buffer that doubles when full, so appending is amortised O(1) and trimming the oldest entries is O(1) too.
 * Not thread-safe: the owning {@link Topic} guards it with its lock.
 */
final class EntryLog {
    /** Power-of-two capacities keep index arithmetic a mask; this is the largest such int array length. */
    static final int MAX_ENTRIES = 1 << 30;

    private StoredMessage[] messages = new StoredMessage[16];
    private Instant[] storedAt = new Instant[16];
    private int head;
    private int size;
    private long firstSequence = 1;

    long firstSequence() {
        return firstSequence;
    }

    /** The sequence number the next appended message gets. */
    long nextSequence() {
        return firstSequence + size;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void append(StoredMessage message, Instant at) {
        if (size == messages.length) {
            grow();
        }
        int index = (head + size) & (messages.length - 1);
        messages[index] = message;
        storedAt[index] = at;
        size++;
    }

    StoredMessage message(long sequence) {
        return messages[index(sequence)];
    }

    Instant storedAt(long sequence) {
        return storedAt[index(sequence)];
    }

    /** Forgets the oldest entry and returns it. */
    StoredMessage removeFirst() {
        StoredMessage removed = messages[head];
        messages[head] = null;
        storedAt[head] = null;
        head = (head + 1) & (messages.length - 1);
        size--;
        firstSequence++;
        return removed;
    }

    /** Consumes {@code count} sequence numbers without keeping anything, for messages nobody is there to read. */
    void skip(int count) {
        if (size != 0) {
            throw new IllegalStateException("can only skip sequence numbers while the log is empty");
        }
        firstSequence += count;
    }

    /** The first sequence stored at or after {@code time}, or {@link #nextSequence()} when there is none. */
    long firstAtOrAfter(Instant time) {
        long low = firstSequence;
        long high = nextSequence();
        while (low < high) {
            long middle = (low + high) >>> 1;
            if (storedAt(middle).isBefore(time)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private int index(long sequence) {
        long offset = sequence - firstSequence;
        if (offset < 0 || offset >= size) {
            throw new IllegalArgumentException("sequence " + sequence + " is not retained (retained: "
                    + firstSequence + " to " + (nextSequence() - 1) + ")");
        }
        return (int) ((head + offset) & (messages.length - 1));
    }

    private void grow() {
        if (messages.length == MAX_ENTRIES) {
            throw new IllegalStateException("a topic log cannot hold more than " + MAX_ENTRIES + " messages");
        }
        int capacity = messages.length * 2;
        StoredMessage[] grownMessages = new StoredMessage[capacity];
        Instant[] grownTimes = new Instant[capacity];
        int firstPart = Math.min(size, messages.length - head);
        System.arraycopy(messages, head, grownMessages, 0, firstPart);
        System.arraycopy(storedAt, head, grownTimes, 0, firstPart);
        System.arraycopy(messages, 0, grownMessages, firstPart, size - firstPart);
        System.arraycopy(storedAt, 0, grownTimes, firstPart, size - firstPart);
        messages = grownMessages;
        storedAt = grownTimes;
        head = 0;
    }
}
