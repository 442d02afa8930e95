package dev.millrace.app.connection;

import dev.millrace.app.fx.Icons;
import dev.millrace.broker.OptionSpec;
import java.io.File;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/** The form control for an option, chosen by its type: the one place that maps option types to controls. */
final class OptionControls {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d*");

    private OptionControls() {
    }

    static Node create(OptionField field) {
        OptionSpec spec = field.spec();
        Node control = spec.secret() ? secret(field) : switch (spec.type()) {
            case BOOLEAN -> checkBox(field);
            case CHOICE -> choice(field);
            case INTEGER, LONG -> number(field);
            case PATH -> path(field);
            case DURATION -> text(field, "e.g. 500ms, 5s, 2m");
            case SIZE -> text(field, "e.g. 1048576, 64KiB, 16MiB");
            case STRING -> text(field, "");
        };
        control.setId("option-" + spec.name());
        return control;
    }

    private static TextField text(OptionField field, String examples) {
        TextField text = new TextField();
        text.textProperty().bindBidirectional(field.valueProperty());
        text.setPromptText(prompt(field.spec(), examples));
        text.setTooltip(new Tooltip(field.spec().description()));
        return text;
    }

    private static PasswordField secret(OptionField field) {
        PasswordField password = new PasswordField();
        password.textProperty().bindBidirectional(field.valueProperty());
        password.setPromptText(field.spec().required() ? "required, kept out of the database" : "kept out of the database");
        password.setTooltip(new Tooltip(field.spec().description()));
        return password;
    }

    private static TextField number(OptionField field) {
        TextField text = text(field, "");
        text.setTextFormatter(new TextFormatter<String>(change ->
                WHOLE_NUMBER.matcher(change.getControlNewText()).matches() ? change : null));
        return text;
    }

    private static CheckBox checkBox(OptionField field) {
        CheckBox box = new CheckBox();
        box.setSelected(Boolean.parseBoolean(field.value()));
        box.selectedProperty().addListener((observable, old, now) -> field.valueProperty().set(String.valueOf(now)));
        field.valueProperty().addListener((observable, old, now) -> box.setSelected(Boolean.parseBoolean(now)));
        box.setTooltip(new Tooltip(field.spec().description()));
        return box;
    }

    private static ComboBox<String> choice(OptionField field) {
        ComboBox<String> combo = new ComboBox<>();
        combo.getItems().setAll(field.spec().choices());
        String current = field.value().isBlank() ? field.spec().defaultValue() : field.value();
        combo.setValue(current);
        combo.valueProperty().addListener((observable, old, now) -> field.valueProperty().set(now == null ? "" : now));
        combo.setTooltip(new Tooltip(field.spec().description()));
        combo.setMaxWidth(Double.MAX_VALUE);
        return combo;
    }

    private static HBox path(OptionField field) {
        TextField text = text(field, "a file path");
        Button browse = Icons.iconButton(MaterialDesignF.FOLDER_OPEN_OUTLINE, "Choose a file");
        browse.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(field.spec().name());
            File chosen = chooser.showOpenDialog(browse.getScene().getWindow());
            if (chosen != null) {
                field.valueProperty().set(chosen.getAbsolutePath());
            }
        });
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(4, text, browse);
        return row;
    }

    private static String prompt(OptionSpec spec, String examples) {
        if (spec.defaultValue() != null) {
            return "default: " + spec.defaultValue();
        }
        if (spec.required()) {
            return examples.isEmpty() ? "required" : "required, " + examples;
        }
        return examples;
    }
}
