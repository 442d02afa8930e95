package dev.millrace.app;

import dev.millrace.record.DataDirectory;
import java.lang.management.ManagementFactory;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application: one workbench window on the user's data directory. */
public final class WorkbenchApplication extends Application {
    /**
     * When set (to anything), the app prints how long after JVM start its first window was laid out, then quits:
     * the start-up figure in docs/benchmarks.md, measured the same way for the jar and for the installed app.
     */
    static final String STARTUP_PROBE_VARIABLE = "MILLRACE_STARTUP_PROBE";
    static final List<Integer> ICON_SIZES = List.of(16, 24, 32, 48, 64, 128, 256);

    private Workbench workbench;

    @Override
    public void start(Stage stage) {
        workbench = new Workbench(Workbench.Options.in(DataDirectory.resolve(null)));
        // Every size: the window manager picks the one that fits the title bar, the task switcher or the dock.
        ICON_SIZES.forEach(size -> stage.getIcons().add(new Image(
                WorkbenchApplication.class.getResource("icons/millrace-" + size + ".png").toExternalForm())));
        workbench.show(stage);
        workbench.start();
        if (System.getenv(STARTUP_PROBE_VARIABLE) != null) {
            reportFirstWindow(stage.getScene());
        }
    }

    private static void reportFirstWindow(Scene scene) {
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                long now = System.currentTimeMillis();
                long sinceJvmStart = now - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println("millrace: first window " + sinceJvmStart + " ms after JVM start (epoch ms " + now + ")");
                Platform.exit();
            }
        });
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.close();
        }
    }
}
