package dev.millrace.app;

import dev.millrace.app.connection.ConnectionManager;
import dev.millrace.app.connection.ConnectionState;
import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.demo.DemoRunner;
import dev.millrace.app.fx.Formats;
import dev.millrace.app.fx.FxPulse;
import dev.millrace.app.fx.Theme;
import dev.millrace.app.live.LiveViewModel;
import dev.millrace.app.live.LiveViews;
import dev.millrace.flows.DemoFlow;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;

/**
 * The window-level state: which connection the demo runs on, the theme, and the status bar's text, refreshed once a
 * second from the frame clock.
 */
public final class MainViewModel implements FxPulse.Listener {
    private static final long STATUS_INTERVAL_NANOS = 1_000_000_000L;

    private final ConnectionManager connections;
    private final LiveViews liveViews;
    private final DemoRunner demo;
    private final ObjectProperty<ManagedConnection> demoConnection = new SimpleObjectProperty<>();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final ReadOnlyStringWrapper connectionStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper activityStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper liveStatus = new ReadOnlyStringWrapper("");
    private long lastStatus;

    public MainViewModel(ConnectionManager connections, LiveViews liveViews, DemoRunner demo) {
        this.connections = connections;
        this.liveViews = liveViews;
        this.demo = demo;
        connections.connected().addListener((ListChangeListener<ManagedConnection>) change -> {
            if (demoConnection.get() == null || !connections.connected().contains(demoConnection.get())) {
                demoConnection.set(connections.connected().isEmpty() ? null : connections.connected().getFirst());
            }
        });
    }

    /**
     * Opens a live view on the demo's two topics and then starts the demo on the chosen connection (the first
     * connected one if none was chosen); completes on the FX thread with the live view.
     */
    public CompletableFuture<LiveViewModel> runDemo() {
        ManagedConnection target = demoConnection.get();
        if (target == null || !target.isConnected()) {
            target = connections.connected().isEmpty() ? null : connections.connected().getFirst();
        }
        if (target == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "No connection is open. Connect one in the sidebar, then run the demo on it."));
        }
        ManagedConnection chosen = target;
        return liveViews.open(chosen, List.of(DemoFlow.INCOMING_TOPIC, DemoFlow.OUTGOING_TOPIC))
                .thenCompose(live -> demo.start(chosen).thenApply(started -> live));
    }

    public CompletableFuture<Void> stopDemo() {
        return demo.stop();
    }

    public DemoRunner demo() {
        return demo;
    }

    public ObjectProperty<ManagedConnection> demoConnectionProperty() {
        return demoConnection;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ReadOnlyStringProperty connectionStatusProperty() {
        return connectionStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty activityStatusProperty() {
        return activityStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty liveStatusProperty() {
        return liveStatus.getReadOnlyProperty();
    }

    @Override
    public void onPulse(long nowNanos) {
        if (nowNanos - lastStatus < STATUS_INTERVAL_NANOS) {
            return;
        }
        lastStatus = nowNanos;
        refreshStatus();
    }

    void refreshStatus() {
        long open = connections.connected().size();
        long failed = connections.connections().stream().filter(c -> c.state() instanceof ConnectionState.Failed).count();
        String storage = connections.storageProblemProperty().get();
        connectionStatus.set(open + " of " + connections.connections().size() + " connected"
                + (failed > 0 ? " · " + failed + " failed" : "") + (storage.isEmpty() ? "" : " · " + storage));
        ManagedConnection demoOn = demo.runningOnProperty().get();
        activityStatus.set(demoOn == null ? "" : "Demo flow on " + demoOn.name() + " · " + Formats.count(demo.greetingsSent())
                + " greetings sent");
        double rate = liveViews.open().stream().mapToDouble(LiveViewModel::messagesPerSecond).sum();
        long dropped = liveViews.open().stream().mapToLong(view -> view.droppedProperty().get()).sum();
        int views = liveViews.open().size();
        liveStatus.set(views == 0 ? "no live views" : Formats.messageRate(rate) + " in " + views
                + (views == 1 ? " live view" : " live views") + " · " + Formats.count(dropped) + " dropped from view");
    }
}
