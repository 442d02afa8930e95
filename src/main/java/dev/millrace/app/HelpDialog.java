package dev.millrace.app;

import atlantafx.base.theme.Styles;
import dev.millrace.app.fx.Icons;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;

/** Lists the keyboard shortcuts. */
final class HelpDialog {

    private HelpDialog() {
    }

    static Alert create(Window owner) {
        GridPane grid = new GridPane();
        grid.setId("help-shortcuts");
        grid.setHgap(24);
        grid.setVgap(6);
        grid.setPadding(new Insets(8, 12, 8, 12));
        int row = 0;
        for (Shortcut shortcut : Shortcut.ALL) {
            Label keys = new Label(shortcut.displayText());
            keys.getStyleClass().addAll("monospace", Styles.TEXT_BOLD, "shortcut-keys");
            grid.addRow(row++, keys, new Label(shortcut.action().description()));
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.setGraphic(Icons.icon(MaterialDesignK.KEYBOARD_OUTLINE, 32));
        alert.getDialogPane().setContent(grid);
        return alert;
    }
}
