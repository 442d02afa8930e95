package dev.millrace.broker.nats;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The work closed subscriptions still do in the background (handing unacked messages back, deleting ephemeral
 * consumers), so that closing the connection can let it finish instead of cutting it off.
 */
final class Releases {
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    void start(String name, Runnable work) {
        Thread thread = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                work.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(thread);
        thread.start();
    }

    /** Waits up to {@code timeout} for the work started so far. */
    void await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : Set.copyOf(running)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                thread.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
