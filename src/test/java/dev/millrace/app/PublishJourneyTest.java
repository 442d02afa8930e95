package dev.millrace.app;

import static dev.millrace.app.WorkbenchFixture.onFx;
import static org.awaitility.Awaitility.await;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.app.message.Payloads;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class PublishJourneyTest {
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
    void aMessageComposedInThePublishViewArrivesInTheLiveViewOfItsTopic(FxRobot robot) {
        ManagedConnection inMemory = fixture.awaitInMemoryConnected();
        robot.interact(() -> fixture.workbench().view().watch(inMemory, List.of("orders")));
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> LiveTables.selectedLiveView(robot).isPresent());

        robot.clickOn("#open-publish");
        robot.clickOn("#publish-topic").write("orders");
        robot.clickOn("#publish-mode-json");
        robot.clickOn("#publish-payload").write("{\"order\": {{seq}}, \"item\": \"coffee\"}");
        robot.clickOn("#publish-send");
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() ->
                fixture.workbench().publish().history().size()), sent -> sent == 1);

        LiveTables.selectFirstLiveTab(robot);
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> LiveTables.rows(robot).stream()
                .map(CapturedMessage::payload).map(Payloads::text).toList(),
                payloads -> payloads.contains("{\"order\": 1, \"item\": \"coffee\"}"));
    }
}
