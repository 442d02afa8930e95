package dev.millrace.app;

import static dev.millrace.app.WorkbenchFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.millrace.app.live.LiveViewModel;
import dev.millrace.app.live.MessageFilter;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.flows.DemoFlow;
import java.util.List;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class LiveViewJourneyTest extends JourneyTest {
    private LiveViewModel live;

    @BeforeEach
    void runTheDemo(FxRobot robot) {
        fixture.awaitInMemoryConnected();
        robot.clickOn("#run-demo");
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> LiveTables.rows(robot).size() >= 2);
        live = LiveTables.selectedLiveView(robot).orElseThrow();
    }

    @Test
    void pauseFreezesTheTableWhileMessagesKeepArrivingAndResumeShowsThemAll(FxRobot robot) {
        robot.clickOn("#live-pause");
        int frozen = onFx(() -> live.rows().size());
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() -> live.heldProperty().get()), held -> held >= 4);
        assertThat(onFx(() -> live.rows().size())).isEqualTo(frozen);

        long received = onFx(() -> live.receivedProperty().get());
        robot.clickOn("#live-pause");

        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() -> live.rows().size()), rows -> rows >= received);
        assertThat(onFx(() -> live.droppedProperty().get())).isZero();
    }

    @Test
    void aRegexFilterShowsOnlyMatchingMessagesIncludingThoseAlreadyReceived(FxRobot robot) {
        robot.interact(() -> robot.lookup("#live-filter-mode").queryAs(ComboBox.class)
                .getSelectionModel().select(MessageFilter.Mode.REGEX));
        robot.clickOn("#live-filter").write("^message produced by");

        await().atMost(WorkbenchFixture.PATIENCE).until(() -> LiveTables.rows(robot), rows -> rows.size() >= 2
                && rows.stream().allMatch(row -> row.topic().equals(DemoFlow.OUTGOING_TOPIC)));
        List<CapturedMessage> shown = LiveTables.rows(robot);
        assertThat(shown).extracting(CapturedMessage::topic).containsOnly(DemoFlow.OUTGOING_TOPIC);
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() -> live.filteredOutProperty().get()), hidden -> hidden > 0);
    }
}
