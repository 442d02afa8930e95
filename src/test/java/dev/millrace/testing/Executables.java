package dev.millrace.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the broker binaries the tests start. A missing binary fails the test loudly with what to install; it is
 * never a reason to skip.
 */
public final class Executables {
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin",
            "/usr/local/bin", "/usr/lib/rabbitmq/bin");

    private Executables() {
    }

    /**
     * The path of {@code name} on the {@code PATH} or in the usual system directories.
     *
     * @param installHint what to run to get it, e.g. {@code apt-get install -y nats-server}
     */
    public static Path require(String name, String installHint) {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(File.pathSeparator)));
        }
        directories.addAll(SYSTEM_DIRECTORIES);
        for (String directory : directories) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " is not installed, and the tests need a real one. Install it with: "
                + installHint + " (.ci/run does this on CI)");
    }
}
