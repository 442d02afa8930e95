package dev.millrace.app.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the workbench runs broker, file and database calls: never on the FX thread. Results come back to the FX
 * thread with {@link Fx#thread()} as the executor of a completion stage; one hand-back per task, never per message.
 */
public final class Background implements AutoCloseable {
    private final ExecutorService executor;

    public Background() {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "millrace-app-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newCachedThreadPool(threads);
    }

    public <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    public CompletableFuture<Void> run(Runnable task) {
        return call(() -> {
            task.run();
            return null;
        });
    }

    /** Starts a long-running loop (a subscription reader, a sender) on a named daemon thread of its own. */
    public static Thread startDaemon(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Stops taking work; running tasks finish on their own (threads doing I/O are never interrupted). */
    @Override
    public void close() {
        executor.shutdown();
    }
}
