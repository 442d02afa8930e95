package dev.millrace.app;

import dev.millrace.app.fx.Fx;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * What every journey shares: before each test a {@link WorkbenchFixture} workbench on a temporary data directory,
 * shown in TestFX's primary stage, and closed after it. A journey's own {@code @BeforeEach} runs after this one.
 */
@ExtendWith(ApplicationExtension.class)
abstract class JourneyTest {
    @TempDir
    Path dataDirectory;

    WorkbenchFixture fixture;

    @BeforeEach
    void startWorkbench() throws TimeoutException {
        // TestFX looks for @Start methods on the test class itself only, not on its superclasses.
        Stage stage = FxToolkit.registerPrimaryStage();
        fixture = Fx.callAndWait(() -> WorkbenchFixture.start(stage, dataDirectory));
    }

    @AfterEach
    void closeWorkbench() {
        fixture.close();
    }
}
