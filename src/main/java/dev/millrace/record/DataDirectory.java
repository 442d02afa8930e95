package dev.millrace.record;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Millrace keeps its files (the H2 database, the secret store). In order of precedence: an explicit path (the
 * {@code --data-dir} flag), the environment variable {@value #VARIABLE}, then the platform's convention:
 * {@code $XDG_DATA_HOME/millrace} (else {@code ~/.local/share/millrace}) on Linux and other Unixes,
 * {@code ~/Library/Application Support/Millrace} on macOS, {@code %APPDATA%\Millrace} on Windows.
 */
public final class DataDirectory {
    /** Environment variable that overrides the platform's default data directory. */
    public static final String VARIABLE = "MILLRACE_DATA_DIR";

    private DataDirectory() {
    }

    /** The data directory for this process; {@code override} may be null. */
    public static Path resolve(Path override) {
        return resolve(override, System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home", ".")));
    }

    static Path resolve(Path override, Map<String, String> environment, String osName, Path home) {
        if (override != null) {
            return override.toAbsolutePath().normalize();
        }
        String fromEnvironment = environment.get(VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment.trim()).toAbsolutePath().normalize();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = environment.get("APPDATA");
            Path base = appData == null || appData.isBlank()
                    ? home.resolve("AppData").resolve("Roaming") : Path.of(appData);
            return base.resolve("Millrace");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Millrace");
        }
        String xdgDataHome = environment.get("XDG_DATA_HOME");
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        if (xdgDataHome != null && !xdgDataHome.isBlank() && Path.of(xdgDataHome).isAbsolute()) {
            return Path.of(xdgDataHome).resolve("millrace");
        }
        return home.resolve(".local").resolve("share").resolve("millrace");
    }
}
