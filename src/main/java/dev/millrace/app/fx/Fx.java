package dev.millrace.app.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;

/** Small helpers for crossing onto the FX thread. */
public final class Fx {
    private static final Executor FX_THREAD = Fx::run;

    private Fx() {
    }

    /** Executor that runs on the FX thread; for completion stages of one-off background tasks. */
    public static Executor thread() {
        return FX_THREAD;
    }

    /** Runs now when already on the FX thread, else on its next turn. */
    public static void run(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /** Runs {@code action} on the FX thread and waits for it; for tools (screenshots, benchmark), not for views. */
    public static <T> T callAndWait(Callable<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        run(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the FX thread", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within 30 s", e);
        }
    }

    public static void runAndWait(Runnable action) {
        callAndWait(() -> {
            action.run();
            return null;
        });
    }
}
