package dev.millrace.app.sessions;

import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Problem;
import dev.millrace.record.RecordStore;
import dev.millrace.record.StoreLockedException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session store, opened in the background when the workbench starts (H2 and its migrations take a moment, and
 * the window should not wait for them). Until it is ready, or if it cannot open (another Millrace holds the file),
 * recording is unavailable and says why.
 */
public final class StoreHandle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreHandle.class);

    private final CompletableFuture<RecordStore> opening;

    private StoreHandle(CompletableFuture<RecordStore> opening) {
        this.opening = opening;
    }

    /** Starts opening the store of {@code dataDirectory}. */
    public static StoreHandle open(Path dataDirectory, Background background) {
        return open(background, () -> RecordStore.open(dataDirectory));
    }

    /** Starts opening a store made by {@code opener} (tests hand in their own). */
    public static StoreHandle open(Background background, Supplier<RecordStore> opener) {
        CompletableFuture<RecordStore> opening = background.call(opener::get);
        opening.whenComplete((store, failure) -> {
            if (failure != null) {
                log.warn("the session store could not be opened: {}", Problem.of(failure).summary());
            } else {
                log.info("session store open at {}", store.databaseFile());
            }
        });
        return new StoreHandle(opening);
    }

    /** Completes when the store is open; fails when it cannot be. */
    public CompletableFuture<RecordStore> ready() {
        return opening;
    }

    /** The store, if it is open by now. */
    public Optional<RecordStore> store() {
        return opening.isDone() && !opening.isCompletedExceptionally() ? Optional.of(opening.join()) : Optional.empty();
    }

    /** Why the store is not available: still opening, or the failure in plain words. */
    public String unavailableReason() {
        if (!opening.isDone()) {
            return "the session store is still opening.";
        }
        return opening.handle((store, failure) -> failure == null ? ""
                : Problem.unwrap(failure) instanceof StoreLockedException
                        ? "another Millrace is using the session store (" + Problem.unwrap(failure).getMessage() + ")."
                        : Problem.of(failure).summary()).join();
    }

    /** Runs {@code action} on the open store, in the caller's thread; fails when the store is not open. */
    public <T> T with(Function<RecordStore, T> action) {
        return action.apply(store().orElseThrow(() -> new IllegalStateException("Recording is not available: "
                + unavailableReason())));
    }

    /** Stops running recordings (flushing them) and closes the database; blocking. */
    @Override
    public void close() {
        store().ifPresent(RecordStore::close);
    }
}
