package dev.millrace.app.connection;

import atlantafx.base.theme.Styles;
import dev.millrace.app.fx.Icons;
import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.OptionSpec;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/** The connection form: name, broker, and the broker's options as generated controls; test before saving. */
public final class ProfileDialog {
    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    private final ProfileEditor editor;
    private final ConnectionsViewModel viewModel;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final GridPane optionsGrid = new GridPane();
    private final Label testResult = new Label();
    private final Label problems = new Label();

    public ProfileDialog(Window owner, ConnectionsViewModel viewModel, ProfileEditor editor) {
        this.viewModel = viewModel;
        this.editor = editor;
        dialog.initOwner(owner);
        dialog.setTitle(editor.isNew() ? "New connection" : "Edit connection");
        dialog.setHeaderText(editor.isNew() ? "New connection" : "Edit " + editor.nameProperty().get());
        dialog.setResizable(true);
        dialog.getDialogPane().getButtonTypes().setAll(SAVE, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(content());
        dialog.getDialogPane().setPrefWidth(640);
        dialog.getDialogPane().getStyleClass().add("profile-dialog");
        Button save = (Button) dialog.getDialogPane().lookupButton(SAVE);
        save.setId("profile-save");
        save.addEventFilter(ActionEvent.ACTION, event -> {
            List<String> found = editor.problems();
            if (!found.isEmpty()) {
                problems.setText(String.join("\n", found));
                event.consume();
            }
        });
    }

    /** Shows the form and waits; returns true when the user saved. */
    public boolean showAndWait() {
        Optional<ButtonType> answer = dialog.showAndWait();
        return answer.isPresent() && answer.get() == SAVE;
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }

    private Node content() {
        TextField name = new TextField();
        name.setId("profile-name");
        name.setPromptText("e.g. Kafka staging");
        name.textProperty().bindBidirectional(editor.nameProperty());

        ComboBox<BrokerAdapter> broker = new ComboBox<>(editor.adapters());
        broker.setId("profile-broker");
        broker.setMaxWidth(Double.MAX_VALUE);
        broker.setConverter(new StringConverter<>() {
            @Override
            public String toString(BrokerAdapter adapter) {
                return adapter == null ? "" : adapter.displayName() + " · " + adapter.id();
            }

            @Override
            public BrokerAdapter fromString(String text) {
                return editor.adapters().stream().filter(adapter -> toString(adapter).equals(text)).findFirst().orElse(null);
            }
        });
        broker.valueProperty().bindBidirectional(editor.adapterProperty());

        CheckBox connectOnStart = new CheckBox("Connect when the workbench starts");
        connectOnStart.selectedProperty().bindBidirectional(editor.connectOnStartProperty());

        GridPane header = new GridPane();
        header.setHgap(12);
        header.setVgap(8);
        header.getColumnConstraints().setAll(labelColumn(), growColumn());
        header.addRow(0, new Label("Name"), name);
        header.addRow(1, new Label("Broker"), broker);
        header.add(connectOnStart, 1, 2);

        optionsGrid.setHgap(12);
        optionsGrid.setVgap(4);
        optionsGrid.getColumnConstraints().setAll(labelColumn(), growColumn());
        editor.fields().addListener((ListChangeListener<OptionField>) change -> rebuildOptions());
        rebuildOptions();
        ScrollPane optionsScroll = new ScrollPane(optionsGrid);
        optionsScroll.setFitToWidth(true);
        optionsScroll.setPrefViewportHeight(380);
        optionsScroll.getStyleClass().add(Styles.BG_DEFAULT);

        Button test = Icons.button("Test connection", MaterialDesignL.LAN_CONNECT);
        test.setId("profile-test");
        test.setOnAction(event -> runTest(test));
        testResult.setId("profile-test-result");
        testResult.setWrapText(true);
        HBox testRow = new HBox(12, test, testResult);
        testRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(testResult, Priority.ALWAYS);

        problems.setId("profile-problems");
        problems.getStyleClass().add(Styles.DANGER);
        problems.setWrapText(true);
        problems.managedProperty().bind(problems.textProperty().isNotEmpty());

        Label optionsTitle = new Label("Options");
        optionsTitle.getStyleClass().add(Styles.TITLE_4);
        VBox content = new VBox(10, header, new Separator(), optionsTitle, optionsScroll, testRow, problems);
        content.setPadding(new Insets(8, 12, 0, 12));
        VBox.setVgrow(optionsScroll, Priority.ALWAYS);
        return content;
    }

    private void rebuildOptions() {
        optionsGrid.getChildren().clear();
        int row = 0;
        for (OptionField field : editor.fields()) {
            OptionSpec spec = field.spec();
            Label label = new Label(spec.name() + (spec.required() ? " *" : ""));
            label.getStyleClass().add("option-label");
            Node control = OptionControls.create(field);
            Label help = new Label(spec.description());
            help.setWrapText(true);
            help.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            Label problem = new Label();
            problem.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
            problem.textProperty().bind(field.problemProperty());
            problem.managedProperty().bind(Bindings.isNotEmpty(field.problemProperty()));
            problem.visibleProperty().bind(problem.managedProperty());
            VBox cell = new VBox(2, control, help, problem);
            cell.setPadding(new Insets(0, 0, 6, 0));
            optionsGrid.addRow(row++, label, cell);
        }
        if (row == 0) {
            optionsGrid.addRow(0, new Label("This broker has no options."));
        }
    }

    private void runTest(Button test) {
        List<String> found = editor.problems().stream().filter(p -> !p.startsWith("Give") && !p.startsWith("Another")).toList();
        if (!found.isEmpty()) {
            showResult(false, String.join("\n", found));
            return;
        }
        test.setDisable(true);
        testResult.setGraphic(null);
        testResult.setText("Testing…");
        viewModel.test(editor).thenAccept(result -> {
            test.setDisable(false);
            showResult(!(result instanceof TestResult.Failure), result.summary());
        });
    }

    private void showResult(boolean success, String text) {
        testResult.setText(text);
        testResult.setGraphic(Icons.icon(success ? MaterialDesignC.CHECK_CIRCLE : MaterialDesignA.ALERT_CIRCLE));
        testResult.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        testResult.getStyleClass().add(success ? Styles.SUCCESS : Styles.DANGER);
    }

    private static ColumnConstraints labelColumn() {
        ColumnConstraints column = new ColumnConstraints();
        column.setMinWidth(120);
        return column;
    }

    private static ColumnConstraints growColumn() {
        ColumnConstraints column = new ColumnConstraints();
        column.setHgrow(Priority.ALWAYS);
        column.setFillWidth(true);
        return column;
    }

}
