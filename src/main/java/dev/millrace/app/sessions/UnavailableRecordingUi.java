package dev.millrace.app.sessions;

import atlantafx.base.theme.Styles;
import dev.millrace.app.fx.Icons;
import dev.millrace.app.live.LiveViewModel;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/** Recording when the session store could not be opened: the controls say why instead of failing later. */
public final class UnavailableRecordingUi implements RecordingUi {
    private final String reason;

    public UnavailableRecordingUi(String reason) {
        this.reason = reason;
    }

    @Override
    public List<Node> liveControls(LiveViewModel live) {
        Button record = Icons.iconButton(MaterialDesignR.RECORD, "Recording is not available: " + reason);
        record.setDisable(true);
        return List.of(record);
    }

    @Override
    public void toggleRecording(LiveViewModel live) {
    }

    @Override
    public void liveClosed(LiveViewModel live) {
    }

    @Override
    public Node sessionsView() {
        Label title = new Label("Recorded sessions are not available");
        title.getStyleClass().add(Styles.TITLE_3);
        Label why = new Label(reason);
        why.setWrapText(true);
        VBox box = new VBox(10, title, why);
        box.setAlignment(Pos.TOP_LEFT);
        box.setPadding(new Insets(24));
        return box;
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return new ReadOnlyStringWrapper("").getReadOnlyProperty();
    }
}
