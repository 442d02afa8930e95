package dev.millrace.app;

import static dev.millrace.app.WorkbenchFixture.onFx;

import dev.millrace.app.live.LiveView;
import dev.millrace.app.live.LiveViewModel;
import dev.millrace.app.message.CapturedMessage;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.testfx.api.FxRobot;

/** Reads what the live view in the selected tab shows. */
final class LiveTables {

    private LiveTables() {
    }

    static Optional<LiveViewModel> selectedLiveView(FxRobot robot) {
        return onFx(() -> {
            Tab tab = robot.lookup("#main-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem();
            return tab != null && tab.getContent() instanceof LiveView view ? Optional.of(view.viewModel()) : Optional.empty();
        });
    }

    /** Brings the first live view's tab to the front. */
    static void selectFirstLiveTab(FxRobot robot) {
        robot.interact(() -> {
            TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
            tabs.getTabs().stream().filter(tab -> tab.getContent() instanceof LiveView).findFirst()
                    .ifPresent(tab -> tabs.getSelectionModel().select(tab));
        });
    }

    static List<CapturedMessage> rows(FxRobot robot) {
        return selectedLiveView(robot).map(view -> onFx(() -> List.copyOf(view.rows()))).orElse(List.of());
    }

    static List<String> topicsShown(FxRobot robot) {
        return rows(robot).stream().map(CapturedMessage::topic).distinct().toList();
    }
}
