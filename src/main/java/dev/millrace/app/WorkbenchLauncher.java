package dev.millrace.app;

import java.awt.GraphicsEnvironment;
import javafx.application.Application;

/**
 * Starts the workbench from the command line. Kept apart from {@link WorkbenchApplication} so that the jar's main
 * class does not extend {@link Application}, which JavaFX on the class path requires.
 */
public final class WorkbenchLauncher {

    private WorkbenchLauncher() {
    }

    /** Opens the window and returns when it is closed; 0 on success, 1 when no window can be opened. */
    public static int launch(String... args) {
        try {
            Application.launch(WorkbenchApplication.class, args);
            return 0;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            System.err.println("millrace: the workbench could not open a window: " + e.getMessage());
            if (GraphicsEnvironment.isHeadless() || System.getenv("DISPLAY") == null) {
                System.err.println("millrace: no display found. Run a command instead (millrace --help), or start "
                        + "the workbench where a display is available (for example under xvfb-run).");
            }
            return 1;
        }
    }
}
