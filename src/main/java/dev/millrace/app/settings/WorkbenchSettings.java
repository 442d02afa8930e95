package dev.millrace.app.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.millrace.app.fx.Theme;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the workbench remembers between runs besides profiles, sessions and templates.
 *
 * @param theme          light or dark
 * @param window         the main window's place and size
 * @param connectOnStart names of the profiles to connect when the workbench starts, as earlier versions kept them;
 *                       the profile store holds this now, and the first load moves these names there and empties
 *                       the list (an empty list is not written)
 */
public record WorkbenchSettings(Theme theme, WindowState window,
                                @JsonInclude(JsonInclude.Include.NON_EMPTY) Set<String> connectOnStart) {
    public static final WorkbenchSettings DEFAULT = new WorkbenchSettings(Theme.LIGHT, WindowState.DEFAULT, Set.of());

    public WorkbenchSettings {
        theme = theme == null ? Theme.LIGHT : theme;
        window = window == null ? WindowState.DEFAULT : window;
        connectOnStart = connectOnStart == null ? Set.of() : Set.copyOf(new TreeSet<>(connectOnStart));
    }

    public WorkbenchSettings withTheme(Theme newTheme) {
        return new WorkbenchSettings(newTheme, window, connectOnStart);
    }

    public WorkbenchSettings withWindow(WindowState newWindow) {
        return new WorkbenchSettings(theme, newWindow, connectOnStart);
    }

    public WorkbenchSettings withConnectOnStart(Set<String> names) {
        return new WorkbenchSettings(theme, window, names);
    }
}
