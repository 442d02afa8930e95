package dev.millrace.app.fx;

import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Shows a {@link Problem}: the sentence up front, the causes behind "Show details". */
public final class ProblemDialog {

    private ProblemDialog() {
    }

    public static void show(Window owner, String title, Problem problem) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.setContentText(problem.summary());
        if (!problem.details().isBlank()) {
            TextArea details = new TextArea(problem.details());
            details.setEditable(false);
            details.setWrapText(true);
            details.setPrefRowCount(6);
            alert.getDialogPane().setExpandableContent(details);
        }
        alert.show();
    }
}
