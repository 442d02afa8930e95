package dev.millrace.app.sessions;

import atlantafx.base.theme.Styles;
import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.FilePicker;
import dev.millrace.app.fx.Formats;
import dev.millrace.app.fx.Fx;
import dev.millrace.app.fx.FxPulse;
import dev.millrace.app.fx.Icons;
import dev.millrace.app.fx.Problem;
import dev.millrace.app.live.LiveViewModel;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Feature;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.record.ConnectionProfile;
import dev.millrace.record.RecorderSettings;
import dev.millrace.record.Recording;
import dev.millrace.record.RecordingRequest;
import dev.millrace.record.RecordingState;
import dev.millrace.record.RecordingStats;
import dev.millrace.record.SubscriptionSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recording from live views: the record button starts a recording of the same connection and topics with the
 * record package's recorder, which has its own subscription, so the live view's lossy path never slows it. Counters
 * are polled a few times a second from the frame clock.
 */
public final class RecordingController implements RecordingUi, FxPulse.Listener {
    private static final Logger log = LoggerFactory.getLogger(RecordingController.class);
    private static final long POLL_NANOS = 250_000_000L;

    /** The controls of one live view and its recording, if any. */
    private static final class Controls {
        final Button button = new Button("Record", Icons.icon(MaterialDesignR.RECORD));
        final Label counter = new Label();
        Recording recording;
        boolean busy;
    }

    private final StoreHandle store;
    private final Background background;
    private final Function<String, Optional<ManagedConnection>> profileNamed;
    private final SessionsViewModel sessions;
    private final FilePicker files;
    private final Map<LiveViewModel, Controls> controls = new IdentityHashMap<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private SessionsView sessionsView;
    private long lastPoll;

    public RecordingController(StoreHandle store, Background background,
                               Function<String, Optional<ManagedConnection>> profileNamed, SessionsViewModel sessions,
                               FilePicker files) {
        this.store = store;
        this.files = files;
        this.background = background;
        this.profileNamed = profileNamed;
        this.sessions = sessions;
    }

    @Override
    public List<Node> liveControls(LiveViewModel live) {
        Controls created = new Controls();
        created.button.setId("live-record");
        created.button.getStyleClass().add("record-button");
        Icons.tooltip(created.button, "Record these topics into a session (Ctrl+R); the recording has its own "
                + "subscription and loses nothing the view drops");
        created.button.setOnAction(event -> toggleRecording(live));
        created.counter.setId("live-recorded");
        created.counter.getStyleClass().addAll(Styles.TEXT_SMALL);
        created.counter.setVisible(false);
        created.counter.managedProperty().bind(created.counter.visibleProperty());
        controls.put(live, created);
        return List.of(created.button, created.counter);
    }

    @Override
    public void toggleRecording(LiveViewModel live) {
        Controls shown = controls.get(live);
        if (shown == null || shown.busy) {
            return;
        }
        if (shown.recording != null) {
            stop(shown);
        } else {
            start(live, shown);
        }
    }

    private void start(LiveViewModel live, Controls shown) {
        BrokerConnection connection = live.feed().connection();
        SubscribeOptions options = connection.capabilities().has(Feature.START_POSITIONS)
                ? new SubscribeOptions(null, StartPosition.LATEST) : SubscribeOptions.DEFAULT;
        List<SubscriptionSpec> specs = live.feed().topics().stream()
                .map(topic -> SubscriptionSpec.of(topic).withOptions(options)).toList();
        ConnectionProfile profile = profileNamed.apply(live.feed().connectionName())
                .map(managed -> new ConnectionProfile(managed.name(), managed.profile().adapterId(), managed.profile().options()))
                .orElse(null);
        String name = live.feed().connectionName() + " · " + String.join(", ", live.feed().topics()) + " · "
                + Formats.dateTime(Instant.now());
        RecordingRequest request = new RecordingRequest(name, connection, profile, specs, RecorderSettings.DEFAULTS,
                "Recorded from the live view " + live.title());
        shown.busy = true;
        background.call(() -> store.with(open -> open.recorder().start(request))).whenCompleteAsync((recording, failure) -> {
            shown.busy = false;
            if (failure != null) {
                shown.counter.setVisible(true);
                shown.counter.setText("Recording failed: " + Problem.of(failure).summary());
                return;
            }
            shown.recording = recording;
            shown.button.setText("Stop recording");
            shown.button.setGraphic(Icons.icon(MaterialDesignS.STOP));
            shown.button.getStyleClass().add(Styles.DANGER);
            shown.counter.setVisible(true);
            sessions.refresh();
        }, Fx.thread());
    }

    private void stop(Controls shown) {
        Recording stopping = shown.recording;
        shown.busy = true;
        stopping.stop();
        background.call(() -> stopping.awaitTermination(Duration.ofSeconds(30))).whenCompleteAsync((done, failure) -> {
            shown.busy = false;
            shown.recording = null;
            showIdle(shown);
            RecordingStats stats = stopping.stats();
            shown.counter.setText("Saved " + Formats.count(stats.recorded()) + " messages");
            sessions.refresh();
        }, Fx.thread());
    }

    private static void showIdle(Controls shown) {
        shown.button.setText("Record");
        shown.button.setGraphic(Icons.icon(MaterialDesignR.RECORD));
        shown.button.getStyleClass().remove(Styles.DANGER);
    }

    @Override
    public void onPulse(long nowNanos) {
        if (nowNanos - lastPoll < POLL_NANOS) {
            return;
        }
        lastPoll = nowNanos;
        int running = 0;
        long recorded = 0;
        for (Controls shown : controls.values()) {
            if (shown.recording == null) {
                continue;
            }
            RecordingStats stats = shown.recording.stats();
            if (stats.state() == RecordingState.FAILED) {
                log.warn("recording of session {} failed: {}", stats.sessionId(), stats.failure());
                shown.recording = null;
                showIdle(shown);
                shown.counter.setText("Recording failed: " + stats.failure());
                continue;
            }
            running++;
            recorded += stats.recorded();
            shown.counter.setText("● " + Formats.count(stats.recorded()) + " recorded"
                    + (stats.dropped() > 0 ? " · " + Formats.count(stats.dropped()) + " dropped" : ""));
        }
        status.set(running == 0 ? "" : "recording " + running + (running == 1 ? " session · " : " sessions · ")
                + Formats.count(recorded) + " messages");
    }

    /** Whether {@code live} is being recorded right now. */
    public boolean isRecording(LiveViewModel live) {
        Controls shown = controls.get(live);
        return shown != null && shown.recording != null;
    }

    /** A closed live view stops its recording; everything received so far is flushed and kept. */
    @Override
    public void liveClosed(LiveViewModel live) {
        Controls shown = controls.remove(live);
        if (shown != null && shown.recording != null) {
            stop(shown);
        }
    }

    @Override
    public Node sessionsView() {
        if (sessionsView == null) {
            sessionsView = new SessionsView(sessions, files);
        }
        return sessionsView;
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
