package dev.millrace.app;

import dev.millrace.app.browse.BrowseViewModel;
import dev.millrace.app.compare.CompareViewModel;
import dev.millrace.app.connection.ConnectionManager;
import dev.millrace.app.connection.ConnectionProfile;
import dev.millrace.app.connection.ConnectionsViewModel;
import dev.millrace.app.connection.RecordProfileRepository;
import dev.millrace.app.demo.DemoRunner;
import dev.millrace.app.flow.CorrelationIndex;
import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.FilePicker;
import dev.millrace.app.fx.FxPulse;
import dev.millrace.app.fx.Problem;
import dev.millrace.app.fx.ProblemDialog;
import dev.millrace.app.live.LiveFeed;
import dev.millrace.app.live.LiveViewModel;
import dev.millrace.app.live.LiveViews;
import dev.millrace.app.publish.PublishService;
import dev.millrace.app.publish.PublishViewModel;
import dev.millrace.app.publish.TemplateStore;
import dev.millrace.app.sessions.RecordingController;
import dev.millrace.app.sessions.SessionsViewModel;
import dev.millrace.app.sessions.StoreHandle;
import dev.millrace.app.settings.SettingsStore;
import dev.millrace.app.settings.WindowState;
import dev.millrace.broker.Brokers;
import dev.millrace.compare.RunSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: creates the services and view models, assembles the main view, and shuts it all down.
 * Created and used on the FX thread.
 */
public final class Workbench implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Workbench.class);
    public static final String FIRST_PROFILE_NAME = "In-memory";

    /**
     * @param dataDirectory  where settings, templates and the session store live
     * @param memoryInstance the in-memory broker instance of the first-start profile
     * @param demoInterval   pause between the demo's greetings
     * @param connectTimeout how long a connect may take before it is reported as failed
     * @param files          how the user picks files (the platform's dialogs, or a test's picker)
     */
    public record Options(Path dataDirectory, String memoryInstance, Duration demoInterval, Duration connectTimeout,
                          FilePicker files) {
        public static Options in(Path dataDirectory) {
            return new Options(dataDirectory, "default", Duration.ofSeconds(1), Duration.ofSeconds(20),
                    FilePicker.platform());
        }
    }

    private final Options options;
    private final Background background = new Background();
    private final FxPulse pulse = new FxPulse();
    private final CorrelationIndex index = new CorrelationIndex();
    private final SettingsStore settings;
    private final ConnectionManager connections;
    private final LiveViews liveViews;
    private final DemoRunner demo;
    private final MainViewModel mainViewModel;
    private final BrowseViewModel browse;
    private final ConnectionsViewModel connectionsViewModel;
    private final PublishViewModel publish;
    private final StoreHandle store;
    private final SessionsViewModel sessions;
    private final RecordingController recording;
    private final CompareViewModel compare;
    private final MainView view;
    private Stage stage;

    public Workbench(Options options) {
        this.options = options;
        this.settings = new SettingsStore(options.dataDirectory().resolve("workbench.json"));
        this.store = StoreHandle.open(options.dataDirectory(), background);
        this.connections = new ConnectionManager(new RecordProfileRepository(store.ready(), settings), background,
                options.connectTimeout());
        this.connectionsViewModel = new ConnectionsViewModel(connections, Brokers.all());
        this.liveViews = new LiveViews(background, pulse, index, LiveFeed.Settings.DEFAULT, LiveViewModel.Settings.DEFAULT);
        this.demo = new DemoRunner(background, index, options.demoInterval());
        this.mainViewModel = new MainViewModel(connections, liveViews, demo);
        this.browse = new BrowseViewModel(connections.connected(), background);
        this.publish = new PublishViewModel(connections.connected(), new PublishService(index),
                new TemplateStore(options.dataDirectory().resolve("templates.json")), background);
        this.sessions = new SessionsViewModel(store, background, connections.connected(), index);
        this.recording = new RecordingController(store, background, name -> connections.connections().stream()
                .filter(connection -> connection.name().equals(name)).findFirst(), sessions, options.files());
        mainViewModel.themeProperty().set(settings.current().theme());
        this.compare = new CompareViewModel(connections.connections(), store, background, RunSettings.DEFAULTS);
        this.view = new MainView(new MainView.Parts(mainViewModel, connectionsViewModel, connections.connected(),
                liveViews, browse, publish, recording, index, background, options.files(), compare));
    }

    /** Starts the frame clock and loads the profiles; on a first start, adds and connects the in-memory profile. */
    public CompletableFuture<Void> start() {
        pulse.add(mainViewModel);
        pulse.add(recording);
        pulse.start();
        ConnectionProfile inMemory = ConnectionProfile.create(FIRST_PROFILE_NAME, "memory",
                Map.of("instance", options.memoryInstance()), true);
        return connections.load(List.of(inMemory));
    }

    /** Puts the workbench into {@code window}: remembered size and place, theme, shortcuts; saves them on close. */
    public void show(Stage window) {
        this.stage = window;
        WindowState state = settings.current().window();
        // Never open larger than the screen (a small laptop, or the headless test screen).
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(state.width(), screen.getWidth()),
                Math.min(state.height(), screen.getHeight()));
        mainViewModel.themeProperty().get().apply(scene);
        mainViewModel.themeProperty().addListener((observable, old, now) -> {
            now.apply(scene);
            background.run(() -> settings.update(current -> current.withTheme(now)));
        });
        view.installShortcuts(scene);
        view.split().setDividerPositions(state.sidebarDivider());
        if (!Double.isNaN(state.x()) && !Screen.getScreensForRectangle(
                new Rectangle2D(state.x(), state.y(), state.width(), state.height())).isEmpty()) {
            window.setX(state.x());
            window.setY(state.y());
        }
        window.setMaximized(state.maximized());
        window.setTitle("Millrace");
        window.setScene(scene);
        window.setOnCloseRequest(event -> rememberWindow());
        // A bug on the FX thread is logged with its stack trace and shown in plain words, not dumped on the console.
        Thread.currentThread().setUncaughtExceptionHandler((thread, failure) -> {
            log.error("unexpected failure on the FX thread", failure);
            ProblemDialog.show(window, "Something went wrong", Problem.of(failure));
        });
        window.show();
    }

    private void rememberWindow() {
        if (stage == null) {
            return;
        }
        WindowState state = new WindowState(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized(), view.split().getDividers().isEmpty() ? 0.2 : view.split().getDividerPositions()[0]);
        settings.update(current -> current.withWindow(state));
    }

    public MainView view() {
        return view;
    }

    public MainViewModel mainViewModel() {
        return mainViewModel;
    }

    public ConnectionManager connections() {
        return connections;
    }

    public LiveViews liveViews() {
        return liveViews;
    }

    public CorrelationIndex correlationIndex() {
        return index;
    }

    public BrowseViewModel browse() {
        return browse;
    }

    public ConnectionsViewModel connectionsViewModel() {
        return connectionsViewModel;
    }

    public PublishViewModel publish() {
        return publish;
    }

    public SessionsViewModel sessions() {
        return sessions;
    }

    public CompareViewModel compare() {
        return compare;
    }

    public StoreHandle store() {
        return store;
    }

    public FxPulse pulse() {
        return pulse;
    }

    public Background background() {
        return background;
    }

    /**
     * Stops the clock, the demo, the live views and the connections. Broker calls run in the background and are given
     * a few seconds, so a broker that hangs cannot keep the window from closing.
     */
    @Override
    public void close() {
        pulse.stop();
        browse.close();
        sessions.close();
        compare.close();
        liveViews.close();
        // Recordings flush and close with the store, before their connections go.
        CompletableFuture<Void> shutdown = background.run(() -> {
            demo.close();
            store.close();
            connections.close();
        });
        try {
            shutdown.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("shutting down took too long or failed: {}", e.getMessage());
        }
        background.close();
    }
}
