package dev.millrace.middleware;

import dev.millrace.message.Context;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting that ends early when a message's context ends (subscription closed, deadline passed). */
final class Waits {

    private Waits() {
    }

    /**
     * Waits {@code nanos}, or less if {@code context} ends first.
     *
     * @return true if the whole time passed with the context still live, false if the context ended
     */
    static boolean sleep(Context context, long nanos) throws InterruptedException {
        if (context.isDone()) {
            return false;
        }
        if (nanos <= 0) {
            return true;
        }
        CountDownLatch ended = new CountDownLatch(1);
        Runnable listener = ended::countDown;
        context.onDone(listener);
        try {
            return !ended.await(nanos, TimeUnit.NANOSECONDS);
        } finally {
            context.removeListener(listener);
        }
    }
}
