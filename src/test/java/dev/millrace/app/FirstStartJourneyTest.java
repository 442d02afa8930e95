package dev.millrace.app;

import static dev.millrace.app.WorkbenchFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.millrace.flows.DemoFlow;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class FirstStartJourneyTest extends JourneyTest {
    @Test
    void onAFreshMachineTheInMemoryConnectionIsConnectedAndTheDemoFlowShowsBothTopicsLive(FxRobot robot) {
        fixture.awaitInMemoryConnected();

        robot.clickOn("#run-demo");

        await().atMost(WorkbenchFixture.PATIENCE).until(() -> LiveTables.topicsShown(robot),
                topics -> topics.contains(DemoFlow.INCOMING_TOPIC) && topics.contains(DemoFlow.OUTGOING_TOPIC));
        assertThat(onFx(() -> fixture.workbench().mainViewModel().demo().runningProperty().get())).isTrue();
    }
}
