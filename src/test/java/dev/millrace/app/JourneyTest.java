package dev.millrace.app;

import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What every journey shares: before each test a {@link WorkbenchFixture} workbench on a temporary data directory,
 * shown in TestFX's stage, and closed after it.
 */
@ExtendWith(ApplicationExtension.class)
abstract class JourneyTest {
    @TempDir
    Path dataDirectory;

    WorkbenchFixture fixture;

    @Start
    void startWorkbench(Stage stage) {
        fixture = WorkbenchFixture.start(stage, dataDirectory);
    }

    @AfterEach
    void closeWorkbench() {
        fixture.close();
    }
}
