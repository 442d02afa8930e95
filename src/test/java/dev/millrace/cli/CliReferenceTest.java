package dev.millrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CliReferenceTest {

    @Test
    void committedCliReferenceMatchesTheCommandDefinitions() throws IOException {
        Path page = Path.of(CliReference.PAGE);
        assertThat(page).as("the CLI reference page (tests run from the repository root)").exists();

        String committed = Files.readString(page, StandardCharsets.UTF_8).replace("\r\n", "\n");

        assertThat(committed)
                .as("%s is out of date with the commands in dev.millrace.cli; regenerate it: %s", page,
                        CliReference.REGENERATE)
                .isEqualTo(CliReference.render());
    }

    @Test
    void referenceHasASectionWithTheHelpOfEveryVisibleCommand() {
        String page = CliReference.render();

        Main.commandLine().getSubcommands().forEach((command, line) -> {
            if (!line.getCommandSpec().usageMessage().hidden()) {
                assertThat(page).contains("\n## millrace " + command + "\n")
                        .contains("Usage: millrace " + command + " ");
            }
        });
        assertThat(page).contains("\n## millrace\n").contains("- [millrace demo](#millrace-demo)");
    }
}
