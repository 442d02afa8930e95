package dev.millrace.app.fx;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks the user for a file. The workbench uses the platform's dialog; journeys hand in a picker of their own. */
public interface FilePicker {

    /**
     * @param extensions description and patterns, e.g. {@code "JSON Lines", "*.jsonl"}; one filter per pair
     */
    Optional<Path> open(Window owner, String title, String... extensions);

    Optional<Path> save(Window owner, String title, String initialName, String... extensions);

    /** The platform's file dialogs. */
    static FilePicker platform() {
        return new FilePicker() {
            @Override
            public Optional<Path> open(Window owner, String title, String... extensions) {
                return Optional.ofNullable(chooser(title, extensions).showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> save(Window owner, String title, String initialName, String... extensions) {
                FileChooser chooser = chooser(title, extensions);
                chooser.setInitialFileName(initialName);
                return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
            }
        };
    }

    private static FileChooser chooser(String title, String... extensions) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        for (int i = 0; i + 1 < extensions.length; i += 2) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extensions[i], extensions[i + 1]));
        }
        return chooser;
    }
}
