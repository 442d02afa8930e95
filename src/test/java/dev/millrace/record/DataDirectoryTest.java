package dev.millrace.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void theFlagWinsOverEverything() {
        assertThat(DataDirectory.resolve(Path.of("/tmp/flag"), Map.of(DataDirectory.VARIABLE, "/tmp/env"), "Linux",
                HOME)).isEqualTo(Path.of("/tmp/flag"));
    }

    @Test
    void theEnvironmentVariableWinsOverThePlatformDefault() {
        assertThat(DataDirectory.resolve(null, Map.of(DataDirectory.VARIABLE, "/tmp/env", "XDG_DATA_HOME", "/xdg"),
                "Linux", HOME)).isEqualTo(Path.of("/tmp/env"));
    }

    @Test
    void linuxFollowsXdgDataHome() {
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "/data/ada"), "Linux", HOME))
                .isEqualTo(Path.of("/data/ada/millrace"));
    }

    @Test
    void linuxWithoutXdgDataHomeUsesLocalShare() {
        assertThat(DataDirectory.resolve(null, Map.of(), "Linux", HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/millrace"));
    }

    @Test
    void aRelativeXdgDataHomeIsIgnoredAsTheSpecificationSays() {
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "relative"), "Linux", HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/millrace"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(DataDirectory.resolve(null, Map.of(), "Mac OS X", HOME))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Millrace"));
    }

    @Test
    void windowsUsesAppData() {
        assertThat(DataDirectory.resolve(null, Map.of("APPDATA", "/users/ada/roaming"), "Windows 11", HOME))
                .isEqualTo(Path.of("/users/ada/roaming/Millrace"));
    }
}
