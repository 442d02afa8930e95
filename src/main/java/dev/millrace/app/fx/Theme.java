package dev.millrace.app.fx;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** The two looks of the workbench: AtlantaFX Primer light and dark, plus the workbench's own style sheet. */
public enum Theme {
    LIGHT,
    DARK;

    private static final String WORKBENCH_CSS = "/dev/millrace/app/workbench.css";

    public Theme toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** Makes this theme the application's; the scene gets the workbench sheet and a class for theme-specific rules. */
    public void apply(Scene scene) {
        Application.setUserAgentStylesheet(this == LIGHT
                ? new PrimerLight().getUserAgentStylesheet()
                : new PrimerDark().getUserAgentStylesheet());
        String sheet = Theme.class.getResource(WORKBENCH_CSS).toExternalForm();
        if (!scene.getStylesheets().contains(sheet)) {
            scene.getStylesheets().add(sheet);
        }
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add(this == LIGHT ? "theme-light" : "theme-dark");
    }
}
