package dev.millrace.app.screenshots;

import dev.millrace.app.Workbench;
import dev.millrace.app.compare.CompareViewModel;
import dev.millrace.app.connection.ConnectionProfile;
import dev.millrace.app.connection.ConnectionsViewModel;
import dev.millrace.app.connection.ProfileDialog;
import dev.millrace.app.connection.ProfileEditor;
import dev.millrace.app.fx.FilePicker;
import dev.millrace.app.fx.Fx;
import dev.millrace.app.fx.Theme;
import dev.millrace.app.live.LiveView;
import dev.millrace.app.live.LiveViewModel;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.app.publish.HeaderRow;
import dev.millrace.app.publish.PayloadMode;
import dev.millrace.app.publish.PublishViewModel;
import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.OptionSpec;
import dev.millrace.flows.DemoFlow;
import dev.millrace.message.Message;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the main views into PNG files, in the light and the dark theme, from a real workbench running the demo
 * flow on a private in-memory broker and data directory. Runs on its own thread and drives the FX thread step by
 * step, waiting for the real data to appear rather than staging any.
 */
public final class ScreenshotRenderer {
    private static final Logger log = LoggerFactory.getLogger(ScreenshotRenderer.class);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Path output;
    private final double width;
    private final double height;
    private final List<Path> written = new ArrayList<>();
    private Workbench workbench;
    private Stage stage;

    public ScreenshotRenderer(Path output, double width, double height) {
        this.output = output;
        this.width = width;
        this.height = height;
    }

    /** Starts JavaFX if needed, renders every view in both themes and returns the files written. */
    public List<Path> render() throws InterruptedException {
        startPlatform();
        Path data = temporaryDirectory();
        try {
            Fx.runAndWait(() -> {
                stage = new Stage();
                workbench = new Workbench(new Workbench.Options(data, "screenshots-" + Message.newId(),
                        Duration.ofMillis(400), Duration.ofSeconds(10), FilePicker.platform()));
                workbench.mainViewModel().themeProperty().set(Theme.LIGHT);
                workbench.show(stage);
                stage.setWidth(width);
                stage.setHeight(height);
                workbench.start();
            });
            await("the in-memory connection", () -> !workbench.connections().connected().isEmpty());
            settle(800);
            shootBothThemes("start", this::sceneShot);

            Fx.runAndWait(() -> workbench.view().toggleDemo());
            await("demo traffic", () -> liveView().map(view -> view.viewModel().rows().size() >= 14).orElse(false));
            settle(2_500);
            recordWhileDemoRuns();
            selectAnswerInLiveView();
            settle(600);
            shootBothThemes("live", this::sceneShot);
            Fx.runAndWait(() -> liveView().orElseThrow().showFlow());
            settle(600);
            shootBothThemes("flow", this::sceneShot);

            Fx.runAndWait(() -> workbench.view().showBrowse());
            await("topics", () -> workbench.view().lookup("#browse-topics") instanceof TableView<?> table
                    && table.getItems().size() >= 2);
            Fx.runAndWait(() -> {
                TableView<?> topics = (TableView<?>) workbench.view().lookup("#browse-topics");
                topics.getSelectionModel().select(0);
            });
            settle(800);
            shootBothThemes("browse", this::sceneShot);

            composeAndSend();
            settle(800);
            shootBothThemes("publish", this::sceneShot);

            Fx.runAndWait(() -> workbench.view().showSessions());
            await("a recorded session", () -> workbench.sessions().sessions().size() >= 1);
            Fx.runAndWait(() -> workbench.sessions().selectedProperty().set(workbench.sessions().sessions().getFirst()));
            await("session entries", () -> workbench.sessions().entries().size() >= 4);
            Fx.runAndWait(() -> {
                TableView<?> table = (TableView<?>) workbench.view().lookup("#sessions-table");
                table.getSelectionModel().select(1);
            });
            settle(800);
            shootBothThemes("sessions", this::sceneShot);

            watchAComparisonThenCancelIt();
            shootBothThemes("compare-running", this::sceneShot);
            Fx.runAndWait(() -> workbench.compare().cancel());
            await("the cancelled comparison to close", () -> !workbench.compare().runningProperty().get());
            compareTwoMemoryBrokers();
            shootBothThemes("compare", this::sceneShot);

            shootBothThemes("connection-form", this::connectionFormShot);
            shootBothThemes("shortcuts", this::helpShot);
            return written;
        } finally {
            Fx.runAndWait(() -> {
                workbench.close();
                stage.close();
            });
            deleteQuietly(data);
        }
    }

    private void recordWhileDemoRuns() throws InterruptedException {
        Fx.runAndWait(() -> ((ButtonBase) workbench.view().lookup("#live-record")).fire());
        await("recorded messages", () -> ((Label) workbench.view().lookup("#live-recorded")).getText().matches("● ([8-9]|\\d\\d+) recorded.*"));
        Fx.runAndWait(() -> ((ButtonBase) workbench.view().lookup("#live-record")).fire());
        await("the recording to stop", () -> ((Label) workbench.view().lookup("#live-recorded")).getText().startsWith("Saved"));
        // Record again so that the live screenshots show a recording in progress.
        Fx.runAndWait(() -> ((ButtonBase) workbench.view().lookup("#live-record")).fire());
        settle(1_200);
    }

    private void selectAnswerInLiveView() {
        Fx.runAndWait(() -> {
            LiveView view = liveView().orElseThrow();
            LiveViewModel live = view.viewModel();
            live.followProperty().set(false);
            List<CapturedMessage> rows = live.rows();
            int index = rows.size() - 1;
            while (index > 0 && !rows.get(index).topic().equals(DemoFlow.OUTGOING_TOPIC)) {
                index--;
            }
            @SuppressWarnings("unchecked")
            TableView<CapturedMessage> table = (TableView<CapturedMessage>) view.lookup("#live-table");
            table.getSelectionModel().select(index);
            table.scrollTo(Math.max(0, index - 8));
        });
    }

    private void composeAndSend() throws InterruptedException {
        Fx.runAndWait(() -> {
            workbench.view().showPublish();
            PublishViewModel publish = workbench.publish();
            publish.topicProperty().set("orders");
            publish.keyProperty().set("customer-{{seq}}");
            publish.headers().setAll(new HeaderRow(Message.CORRELATION_ID, "{{uuid}}"), new HeaderRow("source", "workbench"));
            publish.modeProperty().set(PayloadMode.JSON);
            publish.payloadProperty().set("{\"order\": {{seq}}, \"item\": \"coffee\", \"at\": \"{{now}}\"}");
            publish.prettyPrint();
            publish.countProperty().set(25);
            publish.rateProperty().set(50);
            publish.saveTemplate("Coffee orders");
            publish.send();
        });
        await("the send to finish", () -> !workbench.publish().history().isEmpty());
    }

    /**
     * Starts the 30 s fixed-rate-latency workload on the in-memory broker and waits until it is measuring. The demo
     * stops first: it would share the broker with the measured runs.
     */
    private void watchAComparisonThenCancelIt() throws InterruptedException {
        Fx.runAndWait(() -> {
            if (workbench.mainViewModel().demo().runningProperty().get()) {
                workbench.mainViewModel().stopDemo();
            }
            workbench.view().showCompare();
            CompareViewModel compare = workbench.compare();
            compare.workloadProperty().set(compare.workloads().stream()
                    .filter(workload -> workload.name().equals("fixed-rate-latency")).findFirst().orElseThrow());
            compare.brokers().getFirst().selectedProperty().set(true);
            compare.run();
        });
        await("the comparison to measure", () -> workbench.compare().progress().stream()
                .anyMatch(row -> row.state().equals("measuring") && row.received() > 200));
    }

    /**
     * Runs the built-in max-throughput workload for real on two in-memory brokers, one keeping every message and
     * one dropping what all groups acked, so the compare view shows two measured columns side by side.
     */
    private void compareTwoMemoryBrokers() throws InterruptedException {
        Fx.runAndWait(() -> {
            ConnectionProfile first = workbench.connections().connections().getFirst().profile();
            Map<String, String> transientOptions = new LinkedHashMap<>(first.options());
            transientOptions.put("persistent", "false");
            // An instance of its own: the first profile's instance is open in the workbench with other settings.
            transientOptions.put("instance", first.options().get("instance") + "-transient");
            workbench.connections().add(ConnectionProfile.create("In-memory transient", first.adapterId(),
                    transientOptions, false));
            workbench.view().showCompare();
            CompareViewModel compare = workbench.compare();
            compare.workloadProperty().set(compare.workloads().stream()
                    .filter(workload -> workload.name().equals("max-throughput")).findFirst().orElseThrow());
            compare.brokers().forEach(choice -> choice.selectedProperty().set(true));
            compare.run();
        });
        await("the comparison", Duration.ofMinutes(3), () -> !workbench.compare().runningProperty().get()
                && workbench.compare().resultProperty().get() != null);
        await("the past runs", () -> !workbench.compare().history().isEmpty());
        settle(800);
    }

    private WritableImage sceneShot() {
        return Fx.callAndWait(() -> stage.getScene().snapshot(null));
    }

    /** The connection form for the first adapter with a secret option (to show the masked field), else the first. */
    private WritableImage connectionFormShot() throws InterruptedException {
        Dialog<?> dialog = Fx.callAndWait(() -> {
            ConnectionsViewModel connections = workbench.connectionsViewModel();
            ProfileEditor editor = connections.newProfile();
            Brokers.all().stream()
                    .filter(adapter -> adapter.options().stream().anyMatch(OptionSpec::secret))
                    .min(Comparator.comparing(BrokerAdapter::id))
                    .ifPresent(editor.adapterProperty()::set);
            editor.nameProperty().set("Staging");
            editor.fields().stream().filter(field -> field.spec().secret()).findFirst()
                    .ifPresent(field -> field.valueProperty().set("not-a-real-password"));
            ProfileDialog form = new ProfileDialog(stage, connections, editor);
            form.dialog().show();
            return form.dialog();
        });
        settle(800);
        WritableImage image = Fx.callAndWait(() -> dialog.getDialogPane().getScene().snapshot(null));
        Fx.runAndWait(() -> {
            dialog.setResult(null);
            dialog.close();
        });
        return image;
    }

    private WritableImage helpShot() throws InterruptedException {
        Alert help = Fx.callAndWait(() -> {
            Alert alert = workbench.view().helpDialog();
            alert.show();
            return alert;
        });
        settle(500);
        WritableImage image = Fx.callAndWait(() -> help.getDialogPane().getScene().snapshot(null));
        Fx.runAndWait(help::close);
        return image;
    }

    @FunctionalInterface
    private interface Shot {
        WritableImage take() throws InterruptedException;
    }

    private void shootBothThemes(String name, Shot shot) throws InterruptedException {
        for (Theme theme : Theme.values()) {
            Fx.runAndWait(() -> workbench.mainViewModel().themeProperty().set(theme));
            settle(400);
            WritableImage image = shot.take();
            Path file = output.resolve(name + "-" + theme.name().toLowerCase(Locale.ROOT) + ".png");
            write(image, file);
        }
    }

    private void write(WritableImage image, Path file) {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(buffered, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        written.add(file);
        log.info("wrote {} ({}x{})", file, buffered.getWidth(), buffered.getHeight());
    }

    private Optional<LiveView> liveView() {
        TabPane tabs = workbench.view().tabs();
        return tabs.getTabs().stream().map(Tab::getContent).filter(LiveView.class::isInstance).map(LiveView.class::cast)
                .findFirst();
    }

    private static void await(String what, Callable<Boolean> condition) throws InterruptedException {
        await(what, PATIENCE, condition);
    }

    private static void await(String what, Duration patience, Callable<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(Fx.callAndWait(condition))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("gave up waiting for " + what + " after " + patience.toSeconds() + " s");
    }

    /** Lets a few frames pass so that layout, CSS and the chart catch up before a snapshot. */
    private static void settle(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    private static void startPlatform() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        Platform.setImplicitExit(false);
        started.await();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("millrace-screenshots");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary data directory", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}: {}", directory, e.getMessage());
        }
    }
}
