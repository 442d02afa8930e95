package dev.millrace.app;

import java.util.List;
import javafx.scene.input.KeyCombination;

/**
 * A keyboard shortcut of a main action. The list below is both what the window installs and what the help dialog
 * shows, so they cannot disagree.
 *
 * @param action what it does
 * @param keys   the key combination, in JavaFX notation ("Shortcut+D" is Ctrl+D, or Cmd+D on a Mac)
 */
public record Shortcut(Action action, String keys) {

    /** The main actions that have a shortcut. */
    public enum Action {
        RUN_DEMO("Run or stop the demo flow"),
        WATCH_TOPICS("Watch topics in a new live view"),
        PUBLISH("Open the publish composer"),
        BROWSE("Browse topics"),
        SESSIONS("Open recorded sessions"),
        COMPARE("Compare brokers side by side"),
        NEW_CONNECTION("New connection"),
        RECORD("Start or stop recording the current live view"),
        PAUSE("Pause or resume the current live view"),
        FILTER("Filter the current live view"),
        COPY_JSON("Copy the selected message as JSON"),
        SHOW_FLOW("Show the selected message's correlated flow"),
        TOGGLE_THEME("Switch between light and dark"),
        CLOSE_TAB("Close the current tab"),
        HELP("Show these shortcuts");

        private final String description;

        Action(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public static final List<Shortcut> ALL = List.of(
            new Shortcut(Action.RUN_DEMO, "Shortcut+D"),
            new Shortcut(Action.WATCH_TOPICS, "Shortcut+L"),
            new Shortcut(Action.PUBLISH, "Shortcut+P"),
            new Shortcut(Action.BROWSE, "Shortcut+B"),
            new Shortcut(Action.SESSIONS, "Shortcut+Shift+S"),
            new Shortcut(Action.COMPARE, "Shortcut+Shift+M"),
            new Shortcut(Action.NEW_CONNECTION, "Shortcut+Shift+N"),
            new Shortcut(Action.RECORD, "Shortcut+R"),
            new Shortcut(Action.PAUSE, "Shortcut+Space"),
            new Shortcut(Action.FILTER, "Shortcut+F"),
            new Shortcut(Action.COPY_JSON, "Shortcut+Shift+C"),
            new Shortcut(Action.SHOW_FLOW, "Shortcut+Shift+F"),
            new Shortcut(Action.TOGGLE_THEME, "Shortcut+T"),
            new Shortcut(Action.CLOSE_TAB, "Shortcut+W"),
            new Shortcut(Action.HELP, "F1"));

    public KeyCombination combination() {
        return KeyCombination.keyCombination(keys);
    }

    /** As people read it on this platform, e.g. "Ctrl+D". */
    public String displayText() {
        return combination().getDisplayText();
    }

    public static Shortcut of(Action action) {
        return ALL.stream().filter(shortcut -> shortcut.action() == action).findFirst().orElseThrow();
    }
}
