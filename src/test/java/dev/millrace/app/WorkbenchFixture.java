package dev.millrace.app;

import static org.awaitility.Awaitility.await;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.fx.FilePicker;
import dev.millrace.app.fx.Fx;
import dev.millrace.message.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A workbench on a temporary data directory and a memory broker instance of its own, so that journeys neither see
 * each other's messages nor touch the user's files. File dialogs answer with the paths a journey queued.
 */
final class WorkbenchFixture {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Workbench workbench;
    private final QueuedFiles files;

    private WorkbenchFixture(Workbench workbench, QueuedFiles files) {
        this.workbench = workbench;
        this.files = files;
    }

    /** Builds, shows and starts a workbench; call from a TestFX {@code @Start} method (on the FX thread). */
    static WorkbenchFixture start(Stage stage, Path dataDirectory) {
        QueuedFiles files = new QueuedFiles();
        Workbench workbench = new Workbench(new Workbench.Options(dataDirectory, "journey-" + Message.newId(),
                Duration.ofMillis(200), Duration.ofSeconds(10), files));
        workbench.show(stage);
        workbench.start();
        return new WorkbenchFixture(workbench, files);
    }

    Workbench workbench() {
        return workbench;
    }

    /** The next file dialog answers with {@code path}. */
    void answerNextFileDialog(Path path) {
        files.answers.add(path);
    }

    /** Waits until the first-start in-memory connection is connected, and returns it. */
    ManagedConnection awaitInMemoryConnected() {
        await().atMost(PATIENCE).until(() -> onFx(() -> workbench.connections().connected().stream()
                .anyMatch(connection -> connection.name().equals(Workbench.FIRST_PROFILE_NAME))));
        return onFx(() -> workbench.connections().connected().stream()
                .filter(connection -> connection.name().equals(Workbench.FIRST_PROFILE_NAME)).findFirst().orElseThrow());
    }

    void close() {
        Fx.runAndWait(workbench::close);
    }

    /** Reads FX state from the test thread. */
    static <T> T onFx(Callable<T> read) {
        return Fx.callAndWait(read);
    }

    private static final class QueuedFiles implements FilePicker {
        private final Deque<Path> answers = new ArrayDeque<>();

        @Override
        public Optional<Path> open(Window owner, String title, String... extensions) {
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public Optional<Path> save(Window owner, String title, String initialName, String... extensions) {
            return Optional.ofNullable(answers.poll());
        }
    }
}
