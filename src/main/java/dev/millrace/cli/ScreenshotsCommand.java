package dev.millrace.cli;

import dev.millrace.app.screenshots.ScreenshotRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Renders the workbench's main views into PNG files for the docs, in the light and the dark theme. Needs a display:
 * on a machine without one, run it under {@code xvfb-run}.
 */
@Command(name = "screenshots", mixinStandardHelpOptions = true,
        description = "Render the workbench's main views (light and dark) into PNG files for the docs. "
                + "Needs a display; without one: xvfb-run -a -s \"-screen 0 1920x1200x24\" java -jar millrace.jar screenshots")
final class ScreenshotsCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "docs/images", description = "Directory for the PNG files. Default: ${DEFAULT-VALUE}.")
    private Path output;

    @Option(names = "--width", defaultValue = "1440", description = "Window width in pixels. Default: ${DEFAULT-VALUE}.")
    private double width;

    @Option(names = "--height", defaultValue = "900", description = "Window height in pixels. Default: ${DEFAULT-VALUE}.")
    private double height;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> written;
        try {
            written = new ScreenshotRenderer(output, width, height).render();
        } catch (UnsupportedOperationException | UnsatisfiedLinkError e) {
            spec.commandLine().getErr().println("millrace: no display to render on (" + e.getMessage() + "); run "
                    + "this command under xvfb-run");
            return 1;
        } finally {
            Platform.exit();
        }
        written.forEach(file -> out.println(file));
        out.printf("%d screenshots in %s%n", written.size(), output.toAbsolutePath());
        return 0;
    }
}
