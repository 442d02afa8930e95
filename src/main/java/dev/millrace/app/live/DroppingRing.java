package dev.millrace.app.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A fixed-size ring that keeps the newest elements: adding to a full ring overwrites the oldest one and counts it
 * as dropped. Not thread-safe; its owner locks.
 */
final class DroppingRing<T> {
    private final Object[] slots;
    private int head;
    private int size;
    private long dropped;

    DroppingRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.slots = new Object[capacity];
    }

    void add(T element) {
        int tail = (head + size) % slots.length;
        slots[tail] = element;
        if (size == slots.length) {
            head = (head + 1) % slots.length;
            dropped++;
        } else {
            size++;
        }
    }

    /** Moves up to {@code max} of the oldest elements into {@code target}; returns how many. */
    @SuppressWarnings("unchecked")
    int drainTo(Collection<? super T> target, int max) {
        int count = Math.min(max, size);
        for (int i = 0; i < count; i++) {
            target.add((T) slots[head]);
            slots[head] = null;
            head = (head + 1) % slots.length;
        }
        size -= count;
        return count;
    }

    /** The elements, oldest first, without removing them. */
    @SuppressWarnings("unchecked")
    List<T> snapshot() {
        List<T> copy = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            copy.add((T) slots[(head + i) % slots.length]);
        }
        return copy;
    }

    void clear() {
        Arrays.fill(slots, null);
        head = 0;
        size = 0;
    }

    int size() {
        return size;
    }

    int capacity() {
        return slots.length;
    }

    /** Elements overwritten because the ring was full, since it was made. */
    long dropped() {
        return dropped;
    }
}
