package dev.millrace.app.sessions;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.record.ReplayTiming;
import dev.millrace.record.SessionInfo;
import dev.millrace.record.SubscriptionSpec;
import dev.millrace.record.TopicMapping;
import java.util.Arrays;
import java.util.Optional;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks where to replay a session to: connection, topic mapping and timing. */
final class ReplayDialog {

    /** The user's choice. */
    record Choice(ManagedConnection target, TopicMapping mapping, ReplayTiming timing) {
    }

    private enum Timing {
        FAST("As fast as possible"),
        ORIGINAL("Original timing"),
        SCALED("Scaled timing");

        private final String label;

        Timing(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final ButtonType REPLAY = new ButtonType("Replay", ButtonBar.ButtonData.OK_DONE);

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ComboBox<ManagedConnection> target;
    private final TextArea mapping = new TextArea();
    private final ComboBox<Timing> timing = new ComboBox<>();
    private final Spinner<Double> speed = new Spinner<>(0.1, 100.0, 2.0, 0.5);

    ReplayDialog(Window owner, SessionInfo session, ObservableList<ManagedConnection> connected) {
        target = new ComboBox<>(connected);
        target.setMaxWidth(Double.MAX_VALUE);
        if (!connected.isEmpty()) {
            target.setValue(connected.getFirst());
        }
        mapping.setPromptText("recorded_topic=target_topic, one per line; unmapped topics keep their name");
        mapping.setPrefRowCount(4);
        mapping.setText(String.join("\n", session.subscriptions().stream().map(SubscriptionSpec::topic)
                .map(topic -> topic + "=" + topic).toList()));
        timing.getItems().setAll(Timing.values());
        timing.setValue(Timing.FAST);
        speed.setEditable(true);
        speed.disableProperty().bind(timing.valueProperty().isNotEqualTo(Timing.SCALED));

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        form.setPadding(new Insets(4));
        form.addRow(0, new Label("Send to"), target);
        form.addRow(1, new Label("Topics"), mapping);
        form.addRow(2, new Label("Timing"), timing);
        form.addRow(3, new Label("Speed ×"), speed);

        dialog.initOwner(owner);
        dialog.setTitle("Replay session");
        dialog.setHeaderText("Replay '" + session.name() + "'");
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().setPrefWidth(520);
        dialog.getDialogPane().getButtonTypes().setAll(REPLAY, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(REPLAY).disableProperty().bind(target.valueProperty().isNull());
    }

    Optional<Choice> showAndWait() {
        return dialog.showAndWait().filter(REPLAY::equals).map(ok -> new Choice(target.getValue(),
                TopicMapping.parse(Arrays.stream(mapping.getText().split("\\R")).map(String::trim)
                        .filter(line -> !line.isEmpty()).toList()),
                switch (timing.getValue()) {
                    case FAST -> ReplayTiming.AS_FAST_AS_POSSIBLE;
                    case ORIGINAL -> ReplayTiming.ORIGINAL;
                    case SCALED -> ReplayTiming.scaled(speed.getValue());
                }));
    }
}
