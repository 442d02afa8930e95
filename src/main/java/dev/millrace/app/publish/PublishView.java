package dev.millrace.app.publish;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.fx.FilePicker;
import dev.millrace.app.fx.Formats;
import dev.millrace.app.fx.Icons;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The publish composer, with saved templates and the send history beside it. */
public final class PublishView extends BorderPane {
    private static final KeyCombination SEND = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private final PublishViewModel viewModel;
    private final FilePicker files;
    private final TextArea payload = new TextArea();

    public PublishView(PublishViewModel viewModel, FilePicker files) {
        this.viewModel = viewModel;
        this.files = files;
        getStyleClass().add("publish-view");
        SplitPane sides = new SplitPane(composer(), new SplitPane(templates(), history()));
        ((SplitPane) sides.getItems().get(1)).setOrientation(Orientation.VERTICAL);
        sides.setDividerPositions(0.6);
        setCenter(sides);
        setOnKeyPressed(event -> {
            if (SEND.match(event)) {
                viewModel.send();
                event.consume();
            }
        });
    }

    private Node composer() {
        ComboBox<ManagedConnection> connection = new ComboBox<>(viewModel.connected());
        connection.setId("publish-connection");
        connection.setPromptText("Connection");
        connection.setMaxWidth(Double.MAX_VALUE);
        connection.valueProperty().bindBidirectional(viewModel.connectionProperty());
        TextField topic = new TextField();
        topic.setId("publish-topic");
        topic.setPromptText("topic");
        topic.textProperty().bindBidirectional(viewModel.topicProperty());
        TextField key = new TextField();
        key.setId("publish-key");
        key.setPromptText("key (variables allowed)");
        key.textProperty().bindBidirectional(viewModel.keyProperty());
        Label keyLabel = new Label("Key");
        key.visibleProperty().bind(viewModel.keysSupportedProperty());
        key.managedProperty().bind(key.visibleProperty());
        keyLabel.visibleProperty().bind(key.visibleProperty());
        keyLabel.managedProperty().bind(key.visibleProperty());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints(80);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().setAll(labels, fields);
        form.addRow(0, new Label("Connection"), connection);
        form.addRow(1, new Label("Topic"), topic);
        form.addRow(2, keyLabel, key);
        form.addRow(3, new Label("Headers"), headers());
        Node payloadEditor = payloadEditor();
        form.addRow(4, new Label("Payload"), payloadEditor);
        form.addRow(5, new Label("Repeat"), repeat());
        GridPane.setVgrow(payloadEditor, Priority.ALWAYS);
        // Labels sit at the top of tall rows (headers, payload), next to the first line of their control.
        form.getChildren().stream().filter(node -> GridPane.getColumnIndex(node) == 0)
                .forEach(node -> {
                    GridPane.setValignment(node, VPos.TOP);
                    GridPane.setMargin(node, new Insets(6, 0, 0, 0));
                });

        Button send = Icons.button("Send", MaterialDesignS.SEND);
        send.setId("publish-send");
        send.getStyleClass().add(Styles.ACCENT);
        send.setDefaultButton(false);
        send.disableProperty().bind(viewModel.sendingProperty().or(viewModel.problemProperty().isNotEmpty()));
        send.setOnAction(event -> viewModel.send());
        Icons.tooltip(send, "Send (" + SEND.getDisplayText() + ")");
        Button stop = Icons.button("Stop", MaterialDesignS.STOP);
        stop.disableProperty().bind(viewModel.sendingProperty().not());
        stop.setOnAction(event -> viewModel.cancel());
        Label progress = new Label();
        progress.setId("publish-progress");
        progress.textProperty().bind(viewModel.progressProperty());
        Label problem = new Label();
        problem.setId("publish-problem");
        problem.setWrapText(true);
        problem.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        problem.textProperty().bind(viewModel.problemProperty());
        HBox actions = new HBox(8, send, stop, progress);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(10, form, actions, problem);
        box.setPadding(new Insets(10));
        VBox.setVgrow(form, Priority.ALWAYS);
        return box;
    }

    private Node headers() {
        TableView<HeaderRow> table = new TableView<>(viewModel.headers());
        table.setId("publish-headers");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setEditable(true);
        table.getStyleClass().addAll(Styles.DENSE, Styles.BORDERED);
        table.setPrefHeight(110);
        table.setPlaceholder(new Label("No headers. Tip: correlation_id = {{uuid}} links the message's flow."));
        TableColumn<HeaderRow, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(cell -> cell.getValue().nameProperty());
        name.setCellFactory(TextFieldTableCell.forTableColumn());
        name.setPrefWidth(180);
        TableColumn<HeaderRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(cell -> cell.getValue().valueProperty());
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setPrefWidth(300);
        table.getColumns().setAll(List.of(name, value));
        Button add = Icons.iconButton(MaterialDesignP.PLUS, "Add a header");
        add.setId("publish-header-add");
        add.setOnAction(event -> {
            viewModel.headers().add(new HeaderRow("", ""));
            table.getSelectionModel().selectLast();
            table.edit(viewModel.headers().size() - 1, name);
        });
        Button remove = Icons.iconButton(MaterialDesignM.MINUS, "Remove the selected header");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(event -> viewModel.headers().remove(table.getSelectionModel().getSelectedItem()));
        VBox buttons = new VBox(2, add, remove);
        HBox row = new HBox(4, table, buttons);
        HBox.setHgrow(table, Priority.ALWAYS);
        return row;
    }

    private Node payloadEditor() {
        ToggleGroup modes = new ToggleGroup();
        HBox modeButtons = new HBox();
        PayloadMode[] values = PayloadMode.values();
        for (int i = 0; i < values.length; i++) {
            PayloadMode mode = values[i];
            ToggleButton button = new ToggleButton(mode.toString());
            button.setId("publish-mode-" + mode.name().toLowerCase(Locale.ROOT));
            button.setToggleGroup(modes);
            button.setUserData(mode);
            button.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == values.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            button.setSelected(viewModel.modeProperty().get() == mode);
            button.setMinWidth(Region.USE_PREF_SIZE);
            modeButtons.getChildren().add(button);
        }
        modes.selectedToggleProperty().addListener((observable, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                viewModel.modeProperty().set((PayloadMode) now.getUserData());
            }
        });
        viewModel.modeProperty().addListener((observable, old, now) -> modes.getToggles().stream()
                .filter(toggle -> toggle.getUserData() == now).findFirst().ifPresent(toggle -> toggle.setSelected(true)));
        Button format = Icons.button("Format", MaterialDesignC.CODE_JSON);
        format.setId("publish-format");
        format.getStyleClass().add(Styles.SMALL);
        format.visibleProperty().bind(viewModel.modeProperty().isEqualTo(PayloadMode.JSON));
        format.managedProperty().bind(format.visibleProperty());
        format.setOnAction(event -> viewModel.prettyPrint());
        Button fromFile = Icons.button("From file…", MaterialDesignF.FILE_UPLOAD_OUTLINE);
        fromFile.getStyleClass().add(Styles.SMALL);
        fromFile.setOnAction(event -> files.open(getScene().getWindow(), "Payload from file", "Any file", "*.*")
                .ifPresent(viewModel::loadFile));
        format.setMinWidth(Region.USE_PREF_SIZE);
        fromFile.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, modeButtons, format, fromFile);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label variables = new Label("Variables in payload, key and header values: {{uuid}}  {{seq}}  {{now}}  {{random}}");
        variables.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        payload.setId("publish-payload");
        payload.getStyleClass().add("monospace");
        payload.setPrefRowCount(10);
        payload.textProperty().bindBidirectional(viewModel.payloadProperty());
        payload.promptTextProperty().bind(Bindings.createStringBinding(() -> switch (viewModel.modeProperty().get()) {
            case TEXT -> "Hello, {{seq}}";
            case JSON -> "{\"id\": \"{{uuid}}\", \"n\": {{seq}}, \"at\": \"{{now}}\"}";
            case HEX -> "48 65 6c 6c 6f";
            case FILE -> "";
        }, viewModel.modeProperty()));
        payload.disableProperty().bind(viewModel.modeProperty().isEqualTo(PayloadMode.FILE));
        Label fileLabel = new Label();
        fileLabel.textProperty().bind(Bindings.createStringBinding(() -> viewModel.fileProperty().get() == null
                ? "No file chosen" : "Sends the bytes of " + viewModel.fileProperty().get(), viewModel.fileProperty()));
        fileLabel.visibleProperty().bind(viewModel.modeProperty().isEqualTo(PayloadMode.FILE));
        fileLabel.managedProperty().bind(fileLabel.visibleProperty());
        VBox box = new VBox(6, bar, payload, fileLabel, variables);
        VBox.setVgrow(payload, Priority.ALWAYS);
        return box;
    }

    private Node repeat() {
        Spinner<Integer> count = new Spinner<>(1, 10_000_000, 1, 1);
        count.setId("publish-count");
        count.setEditable(true);
        count.setPrefWidth(130);
        count.valueProperty().addListener((observable, old, now) -> viewModel.countProperty().set(now));
        viewModel.countProperty().addListener((observable, old, now) -> count.getValueFactory().setValue(now.intValue()));
        TextField rate = new TextField("0");
        rate.setId("publish-rate");
        rate.setPrefColumnCount(7);
        rate.setTextFormatter(new TextFormatter<String>(change ->
                change.getControlNewText().matches("\\d{0,7}(\\.\\d{0,3})?") ? change : null));
        rate.textProperty().addListener((observable, old, now) ->
                viewModel.rateProperty().set(now.isEmpty() ? 0 : Double.parseDouble(now)));
        viewModel.rateProperty().addListener((observable, old, now) -> {
            if (rate.getText().isEmpty() || Double.parseDouble(rate.getText()) != now.doubleValue()) {
                rate.setText(now.doubleValue() == Math.rint(now.doubleValue())
                        ? String.valueOf(now.longValue()) : String.valueOf(now.doubleValue()));
            }
        });
        Label hint = new Label("messages at");
        hint.setMinWidth(Region.USE_PREF_SIZE);
        Label unit = new Label("msg/s (0: as fast as possible)");
        unit.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        HBox row = new HBox(8, count, hint, rate, unit);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node templates() {
        Label title = new Label("Templates");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        ListView<PublishTemplate> list = new ListView<>(viewModel.templates());
        list.setId("publish-templates");
        list.setPlaceholder(new Label("Save the composer as a template to reuse it."));
        list.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                viewModel.apply(list.getSelectionModel().getSelectedItem());
            }
        });
        Button save = Icons.button("Save as…", MaterialDesignC.CONTENT_SAVE_OUTLINE);
        save.getStyleClass().add(Styles.SMALL);
        save.setOnAction(event -> {
            TextInputDialog ask = new TextInputDialog(viewModel.topicProperty().get());
            ask.initOwner(getScene().getWindow());
            ask.setTitle("Save template");
            ask.setHeaderText("Name of the template");
            ask.showAndWait().map(String::trim).filter(name -> !name.isEmpty()).ifPresent(viewModel::saveTemplate);
        });
        Button use = Icons.button("Use", MaterialDesignP.PLAY);
        use.getStyleClass().add(Styles.SMALL);
        use.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        use.setOnAction(event -> viewModel.apply(list.getSelectionModel().getSelectedItem()));
        Button delete = Icons.iconButton(MaterialDesignD.DELETE_OUTLINE, "Delete the template");
        delete.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(event -> viewModel.deleteTemplate(list.getSelectionModel().getSelectedItem()));
        HBox bar = new HBox(6, title, save, use, delete);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, bar, list);
        box.setPadding(new Insets(8));
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }

    private Node history() {
        Label title = new Label("Send history");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        TableView<SendResult> table = new TableView<>(viewModel.history());
        table.setId("publish-history");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setPlaceholder(new Label("Nothing sent yet."));
        table.getColumns().setAll(List.of(
                column("Time", 110, result -> Formats.time(result.at())),
                column("Topic", 110, SendResult::topic),
                // The result says how many were sent; the narrow pane keeps its room for that sentence.
                column("Result", 320, SendResult::outcome)));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(SendResult result, boolean empty) {
                super.updateItem(result, empty);
                pseudoClassStateChanged(Styles.STATE_DANGER, !empty && result != null && result.problem() != null);
                // The pane is narrow: a long result or error reads in full on hover.
                setTooltip(empty || result == null ? null : new Tooltip(result.outcome()));
            }
        });
        VBox box = new VBox(6, title, table);
        box.setPadding(new Insets(8));
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private static TableColumn<SendResult, String> column(String title, double width, Function<SendResult, String> value) {
        TableColumn<SendResult, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 110));
        return column;
    }

    public void focusPayload() {
        payload.requestFocus();
    }
}
