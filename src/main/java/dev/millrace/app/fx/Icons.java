package dev.millrace.app.fx;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ikonli icons at the sizes the workbench uses. */
public final class Icons {
    private static final int SIZE = 16;

    private Icons() {
    }

    public static FontIcon icon(Ikon ikon) {
        return FontIcon.of(ikon, SIZE);
    }

    public static FontIcon icon(Ikon ikon, int size) {
        return FontIcon.of(ikon, size);
    }

    /** A button with an icon and a label. */
    public static Button button(String text, Ikon ikon) {
        Button button = new Button(text, icon(ikon));
        button.setMnemonicParsing(false);
        return button;
    }

    /** An icon-only button; the tooltip says what it does (and the shortcut, when there is one). */
    public static Button iconButton(Ikon ikon, String tooltip) {
        Button button = new Button(null, icon(ikon));
        button.getStyleClass().add(Styles.BUTTON_ICON);
        tooltip(button, tooltip);
        return button;
    }

    public static <B extends ButtonBase> B tooltip(B button, String text) {
        button.setTooltip(new Tooltip(text));
        button.setAccessibleText(text);
        return button;
    }
}
