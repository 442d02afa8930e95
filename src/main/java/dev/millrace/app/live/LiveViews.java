package dev.millrace.app.live;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.flow.CorrelationIndex;
import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Fx;
import dev.millrace.app.fx.FxPulse;
import dev.millrace.broker.BrokerConnection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Opens and closes live views: subscribes in the background, then puts the view model on the frame clock. */
public final class LiveViews implements AutoCloseable {
    private final Background background;
    private final FxPulse pulse;
    private final CorrelationIndex index;
    private final LiveFeed.Settings feedSettings;
    private final LiveViewModel.Settings viewSettings;
    private final ObservableList<LiveViewModel> open = FXCollections.observableArrayList();

    public LiveViews(Background background, FxPulse pulse, CorrelationIndex index, LiveFeed.Settings feedSettings,
                     LiveViewModel.Settings viewSettings) {
        this.background = background;
        this.pulse = pulse;
        this.index = index;
        this.feedSettings = feedSettings;
        this.viewSettings = viewSettings;
    }

    /** Subscribes to {@code topics} on a connected profile; completes on the FX thread with the running view model. */
    public CompletableFuture<LiveViewModel> open(ManagedConnection connection, List<String> topics) {
        BrokerConnection brokerConnection = connection.connection().orElseThrow(() ->
                new IllegalStateException("connect '" + connection.name() + "' first"));
        String name = connection.name();
        LiveFeed feed = new LiveFeed(name, brokerConnection, topics, feedSettings, index::received);
        return background.run(feed::start).thenApplyAsync(started -> {
            LiveViewModel viewModel = new LiveViewModel(name + ": " + String.join(", ", topics), feed, background,
                    viewSettings);
            open.add(viewModel);
            pulse.add(viewModel);
            return viewModel;
        }, Fx.thread());
    }

    public void close(LiveViewModel viewModel) {
        pulse.remove(viewModel);
        open.remove(viewModel);
        viewModel.close();
    }

    /** The open live views, for the status bar. */
    public ObservableList<LiveViewModel> open() {
        return open;
    }

    @Override
    public void close() {
        List.copyOf(open).forEach(this::close);
    }
}
