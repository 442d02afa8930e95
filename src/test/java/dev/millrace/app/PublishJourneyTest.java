package dev.millrace.app;

import static dev.millrace.app.WorkbenchFixture.onFx;
import static org.awaitility.Awaitility.await;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.app.message.Payloads;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class PublishJourneyTest extends JourneyTest {
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
