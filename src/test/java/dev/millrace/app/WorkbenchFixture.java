package dev.millrace.app;

import dev.millrace.app.fx.Fx;
import dev.millrace.message.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.stage.Stage;

/**
 * A workbench on a temporary data directory and a memory broker instance of its own, so that journeys neither see
 * each other's messages nor touch the user's files.
 */
final class WorkbenchFixture {
    private final Workbench workbench;

    private WorkbenchFixture(Workbench workbench) {
        this.workbench = workbench;
    }

    /** Builds, shows and starts a workbench; call from a TestFX {@code @Start} method (on the FX thread). */
    static WorkbenchFixture start(Stage stage, Path dataDirectory) {
        Workbench workbench = new Workbench(new Workbench.Options(dataDirectory, "journey-" + Message.newId(),
                Duration.ofMillis(200), Duration.ofSeconds(10)));
        workbench.show(stage);
        workbench.start();
        return new WorkbenchFixture(workbench);
    }

    Workbench workbench() {
        return workbench;
    }

    void close() {
        Fx.runAndWait(workbench::close);
    }

    /** Reads FX state from the test thread. */
    static <T> T onFx(Callable<T> read) {
        return Fx.callAndWait(read);
    }
}
