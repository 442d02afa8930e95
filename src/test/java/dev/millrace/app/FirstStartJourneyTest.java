package dev.millrace.app;

import static dev.millrace.app.WorkbenchFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.millrace.flows.DemoFlow;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class FirstStartJourneyTest {
    @TempDir
    Path dataDirectory;

    private WorkbenchFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = WorkbenchFixture.start(stage, dataDirectory);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void onAFreshMachineTheInMemoryConnectionIsConnectedAndTheDemoFlowShowsBothTopicsLive(FxRobot robot) {
        fixture.awaitInMemoryConnected();

        robot.clickOn("#run-demo");

        await().atMost(WorkbenchFixture.PATIENCE).until(() -> LiveTables.topicsShown(robot),
                topics -> topics.contains(DemoFlow.INCOMING_TOPIC) && topics.contains(DemoFlow.OUTGOING_TOPIC));
        assertThat(onFx(() -> fixture.workbench().mainViewModel().demo().runningProperty().get())).isTrue();
    }
}
