package dev.millrace.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownSignalPluginTest {
    private final RecordingHooks hooks = new RecordingHooks();
    private final Router router = new Router();

    /** Stands in for the JVM's hook registry; the last test below uses the real one. */
    private static final class RecordingHooks implements ShutdownSignalPlugin.ShutdownHooks {
        private final List<Thread> registered = new CopyOnWriteArrayList<>();

        @Override
        public void add(Thread hook) {
            registered.add(hook);
        }

        @Override
        public void remove(Thread hook) {
            registered.remove(hook);
        }
    }

    @Test
    void registersAShutdownHookWhenTheRouterStarts() {
        router.addPlugin(new ShutdownSignalPlugin(hooks));
        assertThat(hooks.registered).isEmpty();

        router.start();

        assertThat(hooks.registered).hasSize(1);
        router.close();
    }

    @Test
    void shutdownHookClosesTheRouter() throws Exception {
        router.addPlugin(new ShutdownSignalPlugin(hooks));
        router.start();

        Thread hook = hooks.registered.get(0);
        hook.start();
        hook.join(5_000);

        assertThat(router.isRunning()).isFalse();
    }

    @Test
    void hookIsRemovedWhenTheRouterClosesNormally() {
        router.addPlugin(new ShutdownSignalPlugin(hooks));
        router.start();

        router.close();

        assertThat(hooks.registered).isEmpty();
    }

    @Test
    void sigtermClosesTheRouterBeforeTheJvmExits() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ShutdownSignalMain.class.getName())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals(ShutdownSignalMain.STARTED)) {
                lines.add(line);
            }
            assertThat(line).as("child output: %s", lines).isEqualTo(ShutdownSignalMain.STARTED);

            process.toHandle().destroy();

            while ((line = output.readLine()) != null) {
                lines.add(line);
            }
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).contains(ShutdownSignalMain.CLOSED);
    }
}
