package dev.millrace.app.live;

import atlantafx.base.theme.Styles;
import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Fx;
import dev.millrace.app.fx.Problem;
import dev.millrace.broker.Feature;
import dev.millrace.broker.TopicInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/** Asks which connection and topics a new live view subscribes to; known topics are listed to pick from. */
public final class NewLiveViewDialog {

    /** The user's choice. */
    public record Choice(ManagedConnection connection, List<String> topics) {
    }

    private static final ButtonType OPEN = new ButtonType("Watch", ButtonBar.ButtonData.OK_DONE);

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ComboBox<ManagedConnection> connection;
    private final TextField topics = new TextField();
    private final ListView<String> known = new ListView<>();
    private final Label note = new Label();
    private final Background background;

    public NewLiveViewDialog(Window owner, ObservableList<ManagedConnection> connected, ManagedConnection preferred,
                             Background background) {
        this.background = background;
        connection = new ComboBox<>(connected);
        connection.setId("live-new-connection");
        connection.setMaxWidth(Double.MAX_VALUE);
        connection.valueProperty().addListener((observable, old, now) -> loadTopics(now));
        topics.setId("live-new-topics");
        topics.setPromptText("topic, another_topic");
        known.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        known.setPrefHeight(220);
        known.getSelectionModel().getSelectedItems().addListener(
                (ListChangeListener<String>) change -> topics.setText(String.join(", ",
                        known.getSelectionModel().getSelectedItems())));
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        note.setWrapText(true);

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        form.setPadding(new Insets(4));
        form.addRow(0, new Label("Connection"), connection);
        form.addRow(1, new Label("Topics"), topics);
        form.addRow(2, new Label("Known topics"), known);
        form.add(note, 1, 3);
        GridPane.setHgrow(topics, Priority.ALWAYS);

        dialog.initOwner(owner);
        dialog.setTitle("Watch topics");
        dialog.setHeaderText("Watch topics live");
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().setPrefWidth(560);
        dialog.getDialogPane().getButtonTypes().setAll(OPEN, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(OPEN).disableProperty().bind(
                topics.textProperty().isEmpty().or(connection.valueProperty().isNull()));
        connection.setValue(preferred != null && connected.contains(preferred) ? preferred
                : connected.isEmpty() ? null : connected.getFirst());
    }

    public Optional<Choice> showAndWait() {
        return dialog.showAndWait().filter(OPEN::equals).map(ok -> new Choice(connection.getValue(),
                Arrays.stream(topics.getText().split(",")).map(String::trim).filter(topic -> !topic.isEmpty())
                        .distinct().toList()));
    }

    private void loadTopics(ManagedConnection chosen) {
        known.getItems().clear();
        if (chosen == null || chosen.connection().isEmpty()) {
            return;
        }
        boolean wildcards = chosen.connection().get().capabilities().has(Feature.WILDCARDS);
        note.setText(wildcards ? "This broker accepts wildcard patterns in topic names." : "");
        background.call(() -> chosen.connection().get().admin().listTopics())
                .whenCompleteAsync((found, failure) -> {
                    if (failure != null) {
                        note.setText("Could not list topics: " + Problem.of(failure).summary());
                    } else {
                        known.getItems().setAll(found.stream().map(TopicInfo::name).sorted().toList());
                    }
                }, Fx.thread());
    }
}
