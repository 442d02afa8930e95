package dev.millrace.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The user guide's shortcut table is written by hand; this keeps it equal to what the window installs. */
class ShortcutsDocTest {
    private static final Path PAGE = Path.of("docs", "guide", "shortcuts.md");

    @Test
    void guideListsEveryShortcutTheWindowInstallsAndNoOther() throws IOException {
        List<String> documented = Files.readAllLines(PAGE, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| keys") && !line.startsWith("| ---"))
                .toList();

        List<String> installed = Shortcut.ALL.stream()
                .map(shortcut -> "| " + shortcut.keys().replace("Shortcut+", "Ctrl+") + " | "
                        + shortcut.action().description() + " |")
                .toList();

        assertThat(documented).as("the table in %s, in the order of Shortcut.ALL", PAGE)
                .containsExactlyElementsOf(installed);
    }
}
