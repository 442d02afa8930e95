package dev.millrace.app.publish;

import dev.millrace.app.settings.JsonFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The saved publish templates, in a JSON file of the data directory. Called off the FX thread. */
public final class TemplateStore {

    /** The file's shape. */
    public record Saved(List<PublishTemplate> templates) {
        public Saved {
            templates = templates == null ? List.of() : List.copyOf(templates);
        }
    }

    private final JsonFile<Saved> file;

    public TemplateStore(Path file) {
        this.file = new JsonFile<>(file, Saved.class);
    }

    public List<PublishTemplate> load() {
        return new ArrayList<>(file.load(new Saved(List.of())).templates());
    }

    public void save(List<PublishTemplate> templates) {
        file.save(new Saved(templates));
    }
}
