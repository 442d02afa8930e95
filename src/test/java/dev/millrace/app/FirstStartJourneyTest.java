package dev.millrace.app;

import static dev.millrace.app.WorkbenchFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.flows.DemoFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.TableView;
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
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> fixture.workbench().connections().connected()
                .stream().map(ManagedConnection::name).toList()), names -> names.contains(Workbench.FIRST_PROFILE_NAME));

        robot.clickOn("#run-demo");

        await().atMost(Duration.ofSeconds(10)).until(() -> topicsShown(robot),
                topics -> topics.contains(DemoFlow.INCOMING_TOPIC) && topics.contains(DemoFlow.OUTGOING_TOPIC));
        assertThat(onFx(() -> fixture.workbench().mainViewModel().demo().runningProperty().get())).isTrue();
    }

    @SuppressWarnings("unchecked")
    private List<String> topicsShown(FxRobot robot) {
        return onFx(() -> robot.lookup("#live-table").tryQueryAs(TableView.class)
                .map(table -> ((TableView<CapturedMessage>) table).getItems().stream().map(CapturedMessage::topic)
                        .distinct().toList())
                .orElse(List.of()));
    }
}
