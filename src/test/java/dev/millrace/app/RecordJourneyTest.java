package dev.millrace.app;

import static dev.millrace.app.WorkbenchFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.millrace.flows.DemoFlow;
import dev.millrace.record.SessionInfo;
import dev.millrace.record.SessionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class RecordJourneyTest extends JourneyTest {
    @Test
    void recordingTheDemoMakesASessionThatOpensInTheSessionsViewAndExportsAsJsonLines(FxRobot robot) throws IOException {
        fixture.awaitInMemoryConnected();
        robot.clickOn("#run-demo");
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> LiveTables.rows(robot).size() >= 1);

        robot.clickOn("#live-record");
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() ->
                robot.lookup("#live-recorded").queryAs(Label.class).getText()), text -> text.matches("● ([4-9]|\\d\\d+) recorded.*"));
        robot.clickOn("#live-record");
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() ->
                robot.lookup("#live-recorded").queryAs(Label.class).getText()), text -> text.startsWith("Saved"));

        robot.clickOn("#open-sessions");
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() -> List.copyOf(
                robot.lookup("#sessions-list").<SessionInfo>queryListView().getItems())), sessions -> sessions.size() == 1
                && sessions.getFirst().status() == SessionStatus.COMPLETE);
        robot.interact(() -> robot.lookup("#sessions-list").<SessionInfo>queryListView().getSelectionModel().select(0));
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() -> fixture.workbench().sessions().entries().size()),
                entries -> entries >= 4);

        Path export = dataDirectory.resolve("demo.jsonl");
        fixture.answerNextFileDialog(export);
        robot.clickOn("#sessions-export");

        await().atMost(WorkbenchFixture.PATIENCE).until(() -> Files.exists(export) && onFx(() ->
                robot.lookup("#sessions-status").queryAs(Label.class).getText()).startsWith("Exported"));
        List<String> lines = Files.readAllLines(export);
        assertThat(lines).anyMatch(line -> line.contains(DemoFlow.INCOMING_TOPIC))
                .anyMatch(line -> line.contains(DemoFlow.OUTGOING_TOPIC))
                .anyMatch(line -> line.contains(DemoFlow.GREETING));
    }
}
