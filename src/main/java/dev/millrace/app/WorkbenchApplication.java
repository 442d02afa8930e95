package dev.millrace.app;

import dev.millrace.record.DataDirectory;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one workbench window on the user's data directory. */
public final class WorkbenchApplication extends Application {
    private Workbench workbench;

    @Override
    public void start(Stage stage) {
        workbench = new Workbench(Workbench.Options.in(DataDirectory.resolve(null)));
        workbench.show(stage);
        workbench.start();
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.close();
        }
    }
}
