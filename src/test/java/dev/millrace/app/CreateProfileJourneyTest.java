package dev.millrace.app;

import static dev.millrace.app.WorkbenchFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.broker.BrokerAdapter;
import java.util.Optional;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class CreateProfileJourneyTest extends JourneyTest {
    @Test
    void aProfileFilledInFromTheGeneratedFormTestsSuccessfullyAndIsSavedToTheProfileStore(FxRobot robot) {
        fixture.awaitInMemoryConnected();

        robot.clickOn("#connection-new");
        robot.clickOn("#profile-name").write("Scratch broker");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<BrokerAdapter> broker = robot.lookup("#profile-broker").queryAs(ComboBox.class);
            broker.getItems().stream().filter(adapter -> adapter.id().equals("memory")).findFirst()
                    .ifPresent(broker::setValue);
        });
        robot.clickOn("#option-instance").write("scratch");
        robot.clickOn("#profile-test");
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() ->
                robot.lookup("#profile-test-result").queryAs(Label.class).getText()), text -> text.startsWith("Connected"));
        robot.clickOn("#profile-save");

        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() -> fixture.workbench().connections().connections()
                .stream().map(ManagedConnection::name).toList()), names -> names.contains("Scratch broker"));
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> fixture.workbench().store().store()
                .flatMap(store -> store.profiles().find("Scratch broker")), Optional::isPresent);
        assertThat(fixture.workbench().store().store().orElseThrow().profiles().find("Scratch broker").orElseThrow().options())
                .containsEntry("instance", "scratch");
    }
}
