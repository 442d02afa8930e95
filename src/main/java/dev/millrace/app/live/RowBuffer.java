package dev.millrace.app.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javafx.collections.ModifiableObservableListBase;

/**
 * The rows of a live table: an observable list on a circular array, so that dropping the oldest rows and appending
 * new ones costs what is moved, not a shift of everything kept. A live view trims its front and appends at its end
 * many times a second; on an array list each trim moves the whole table, and replacing the whole content instead
 * tells the table that every row was replaced, so it rebuilds every visible cell.
 */
final class RowBuffer<E> extends ModifiableObservableListBase<E> {
    private Object[] elements = new Object[16];
    private int head;
    private int size;

    /**
     * Removes the {@code count} oldest rows, then appends {@code added}, as one change event with a removal at the
     * front and an addition at the end (element by element, the list would report each removal separately).
     */
    @SuppressWarnings("unchecked")
    void trimFrontAndAppend(int count, Collection<? extends E> added) {
        int trimmed = Math.max(0, Math.min(count, size));
        if (trimmed == 0 && added.isEmpty()) {
            return;
        }
        modCount++;
        beginChange();
        try {
            if (trimmed > 0) {
                List<E> removed = new ArrayList<>(trimmed);
                for (int i = 0; i < trimmed; i++) {
                    removed.add((E) elements[head]);
                    elements[head] = null;
                    head = (head + 1) % elements.length;
                }
                size -= trimmed;
                nextRemove(0, removed);
            }
            int from = size;
            for (E element : added) {
                grow();
                elements[slot(size)] = element;
                size++;
            }
            if (size > from) {
                nextAdd(from, size);
            }
        } finally {
            endChange();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) elements[slot(checked(index, size))];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    protected void doAdd(int index, E element) {
        checked(index, size + 1);
        grow();
        if (index == size) {
            elements[slot(size)] = element;
        } else if (index < size - index) {
            // Nearer the front: move the elements before it one place towards the front.
            head = (head - 1 + elements.length) % elements.length;
            for (int i = 0; i < index; i++) {
                elements[slot(i)] = elements[slot(i + 1)];
            }
            elements[slot(index)] = element;
        } else {
            for (int i = size; i > index; i--) {
                elements[slot(i)] = elements[slot(i - 1)];
            }
            elements[slot(index)] = element;
        }
        size++;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected E doSet(int index, E element) {
        int slot = slot(checked(index, size));
        E previous = (E) elements[slot];
        elements[slot] = element;
        return previous;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected E doRemove(int index) {
        int slot = slot(checked(index, size));
        E removed = (E) elements[slot];
        if (index == 0) {
            elements[slot] = null;
            head = (head + 1) % elements.length;
        } else {
            for (int i = index; i < size - 1; i++) {
                elements[slot(i)] = elements[slot(i + 1)];
            }
            elements[slot(size - 1)] = null;
        }
        size--;
        return removed;
    }

    private void grow() {
        if (size < elements.length) {
            return;
        }
        Object[] larger = new Object[elements.length * 2];
        for (int i = 0; i < size; i++) {
            larger[i] = elements[slot(i)];
        }
        Arrays.fill(elements, null);
        elements = larger;
        head = 0;
    }

    private int slot(int index) {
        return (head + index) % elements.length;
    }

    private static int checked(int index, int bound) {
        if (index < 0 || index >= bound) {
            throw new IndexOutOfBoundsException("index " + index + " outside 0.." + (bound - 1));
        }
        return index;
    }
}
