package dev.millrace.record;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over between subscriber threads and the one writer thread, bounded both in messages and in
 * payload bytes, so that a burst of large messages cannot exhaust memory. A message is always admitted into an empty
 * queue, however large.
 */
final class CaptureQueue {
    private final int capacity;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Captured> items = new ArrayDeque<>();
    private long bytes;
    /** The writer waits for this many items or bytes (see {@link #await}); arrivals wake it only then. */
    private int awaitedItems = 1;
    private long awaitedBytes = 1;

    CaptureQueue(int capacity, long maxBytes) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    /** Adds {@code item} if there is room now. */
    boolean offer(Captured item) {
        lock.lock();
        try {
            return tryAdd(item);
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code item}, waiting up to {@code timeout} for room. */
    boolean offer(Captured item, long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!tryAdd(item)) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = notFull.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the oldest item, waiting up to {@code timeout}; null if none came. */
    Captured poll(long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        lock.lock();
        try {
            while (items.isEmpty()) {
                if (remaining <= 0) {
                    return null;
                }
                remaining = notEmpty.awaitNanos(remaining);
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} until at least {@code items} items or {@code minBytes} bytes are queued. One
     * wake-up for a whole batch: waking the writer for every arriving message costs a context switch each, which at
     * 200k msg/s is most of a core.
     */
    void await(int items, long minBytes, long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        lock.lock();
        try {
            awaitedItems = Math.max(1, items);
            awaitedBytes = Math.max(1, minBytes);
            while (this.items.size() < awaitedItems && bytes < awaitedBytes && remaining > 0) {
                remaining = notEmpty.awaitNanos(remaining);
            }
        } finally {
            awaitedItems = 1;
            awaitedBytes = 1;
            lock.unlock();
        }
    }

    /** Moves up to {@code maxItems} items, and items of up to {@code byteBudget} bytes, into {@code into}. */
    int drainTo(List<Captured> into, int maxItems, long byteBudget) {
        lock.lock();
        try {
            int moved = 0;
            long budget = byteBudget;
            while (moved < maxItems && !items.isEmpty() && items.peekFirst().bytes() <= budget) {
                Captured item = take();
                budget -= item.bytes();
                into.add(item);
                moved++;
            }
            return moved;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    private boolean tryAdd(Captured item) {
        if (!items.isEmpty() && (items.size() >= capacity || bytes + item.bytes() > maxBytes)) {
            return false;
        }
        items.addLast(item);
        bytes += item.bytes();
        if (items.size() >= awaitedItems || bytes >= awaitedBytes) {
            notEmpty.signal();
        }
        return true;
    }

    private Captured take() {
        Captured item = items.pollFirst();
        bytes -= item.bytes();
        notFull.signalAll();
        return item;
    }
}
