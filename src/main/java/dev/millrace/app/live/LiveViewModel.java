package dev.millrace.app.live;

import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Fx;
import dev.millrace.app.fx.FxPulse;
import dev.millrace.app.fx.Problem;
import dev.millrace.app.message.CapturedMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The state of one live view. Once per pulse it drains its feed's ring into a bounded stage and refreshes its
 * counters; the stage goes into the table rows (trimmed to a fixed maximum) at once when little arrives, and at
 * most ten times a second under load, since every table refresh costs a layout of the visible rows whatever the
 * number of new messages. While paused, the stage holds. About once a second it samples the per-topic rates.
 * Everything here runs on the FX thread; the feed does the per-message work on its own threads.
 */
public final class LiveViewModel implements FxPulse.Listener, AutoCloseable {
    private static final long RATE_SAMPLE_NANOS = 1_000_000_000L;
    private static final long BUSY_REFRESH_NANOS = 100_000_000L;
    private static final int SMALL_BATCH = 100;
    // Counters change text, and a changed label lays out its ancestors: a few times a second is plenty to read.
    private static final long COUNTER_NANOS = 250_000_000L;
    private static final Duration FILTER_TYPING_PAUSE = Duration.millis(250);

    /**
     * @param maxRows     rows the table keeps (older ones scroll out), and messages held while paused
     * @param maxPerPulse messages moved per pulse at most, so one frame never does unbounded work
     */
    public record Settings(int maxRows, int maxPerPulse) {
        public static final Settings DEFAULT = new Settings(10_000, 20_000);
    }

    private final LiveFeed feed;
    private final Background background;
    private final Settings settings;
    private final String title;
    private final RowBuffer<CapturedMessage> rows = new RowBuffer<>();
    private final ArrayDeque<CapturedMessage> staged = new ArrayDeque<>();
    private final List<CapturedMessage> batch = new ArrayList<>();
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final ObjectProperty<MessageFilter.Mode> filterMode = new SimpleObjectProperty<>(MessageFilter.Mode.TEXT);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper filterProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper feedProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper received = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper filteredOut = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper heldCount = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper shown = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper appendedBatches = new ReadOnlyLongWrapper();
    private long shownTotal;
    private final ObjectProperty<CapturedMessage> selected = new SimpleObjectProperty<>();
    private final ObservableList<RateTracker.TopicRate> rates = FXCollections.observableArrayList();
    private final RateTracker rateTracker;
    private final PauseTransition filterDebounce = new PauseTransition(FILTER_TYPING_PAUSE);
    private long droppedFromStage;
    private long lastRefresh;
    private long lastCounters;
    private long lastRateSample;
    private long filterGeneration;

    public LiveViewModel(String title, LiveFeed feed, Background background, Settings settings) {
        this.title = title;
        this.feed = feed;
        this.background = background;
        this.settings = settings;
        this.rateTracker = new RateTracker(feed.rates());
        filterDebounce.setOnFinished(event -> applyFilter());
        filterText.addListener((observable, old, now) -> filterDebounce.playFromStart());
        filterMode.addListener((observable, old, now) -> applyFilter());
        paused.addListener((observable, old, now) -> {
            if (!now) {
                release();
            }
        });
    }

    @Override
    public void onPulse(long nowNanos) {
        batch.clear();
        feed.drainTo(batch, settings.maxPerPulse());
        stage(batch);
        boolean due = staged.size() < SMALL_BATCH || nowNanos - lastRefresh >= BUSY_REFRESH_NANOS;
        if (!paused.get() && !staged.isEmpty() && due) {
            lastRefresh = nowNanos;
            release();
        }
        if (nowNanos - lastCounters >= COUNTER_NANOS) {
            lastCounters = nowNanos;
            refreshCounters();
        }
        if (nowNanos - lastRateSample >= RATE_SAMPLE_NANOS) {
            lastRateSample = nowNanos;
            rates.setAll(rateTracker.sample(nowNanos));
        }
    }

    private void refreshCounters() {
        shown.set(rows.size());
        received.set(feed.received());
        filteredOut.set(feed.filteredOut());
        dropped.set(feed.dropped() + droppedFromStage);
        heldCount.set(paused.get() ? staged.size() : 0);
        Problem failure = feed.failure();
        feedProblem.set(failure == null ? "" : failure.summary());
    }

    private void append(List<CapturedMessage> messages) {
        shownTotal += messages.size();
        int max = settings.maxRows();
        List<CapturedMessage> added = messages.size() > max ? messages.subList(messages.size() - max, messages.size())
                : messages;
        rows.trimFrontAndAppend(rows.size() + added.size() - max, added);
        appendedBatches.set(appendedBatches.get() + 1);
    }

    /** Keeps at most a table's worth; older messages could only scroll out unseen, and count as dropped. */
    private void stage(List<CapturedMessage> messages) {
        int overflow = staged.size() + messages.size() - settings.maxRows();
        for (int i = 0; i < overflow && !staged.isEmpty(); i++) {
            staged.removeFirst();
            droppedFromStage++;
        }
        int skip = Math.max(0, messages.size() - settings.maxRows());
        droppedFromStage += skip;
        staged.addAll(skip == 0 ? messages : messages.subList(skip, messages.size()));
    }

    private void release() {
        if (!staged.isEmpty()) {
            append(new ArrayList<>(staged));
            staged.clear();
        }
        heldCount.set(0);
    }

    /** Applies the filter typed so far to new messages and, in the background, to the retained recent ones. */
    public void applyFilter() {
        filterDebounce.stop();
        MessageFilter filter;
        try {
            filter = MessageFilter.parse(filterMode.get(), filterText.get());
        } catch (IllegalArgumentException e) {
            filterProblem.set(e.getMessage());
            return;
        }
        filterProblem.set("");
        if (filter.equals(feed.filter())) {
            return;
        }
        List<CapturedMessage> recent = feed.refilter(filter);
        long generation = ++filterGeneration;
        rows.clear();
        staged.clear();
        background.call(() -> recent.stream().filter(filter::matches).toList()).thenAcceptAsync(matched -> {
            if (generation != filterGeneration) {
                return;
            }
            // Messages that arrived while filtering are already in the rows, and are newer.
            int room = Math.max(0, settings.maxRows() - rows.size());
            rows.addAll(0, matched.subList(Math.max(0, matched.size() - room), matched.size()));
            appendedBatches.set(appendedBatches.get() + 1);
        }, Fx.thread());
    }

    public void clear() {
        rows.clear();
        staged.clear();
        selected.set(null);
        refreshCounters();
    }

    public String title() {
        return title;
    }

    public LiveFeed feed() {
        return feed;
    }

    public ObservableList<CapturedMessage> rows() {
        return rows;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public ObjectProperty<MessageFilter.Mode> filterModeProperty() {
        return filterMode;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** Why the typed filter is not applied, or empty. */
    public ReadOnlyStringProperty filterProblemProperty() {
        return filterProblem.getReadOnlyProperty();
    }

    /** The subscription's last failure, or empty. */
    public ReadOnlyStringProperty feedProblemProperty() {
        return feedProblem.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty filteredOutProperty() {
        return filteredOut.getReadOnlyProperty();
    }

    /** Messages received but never shown because the view fell behind, or more arrived while paused than it holds. */
    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    /** Messages received but never shown, counted now rather than at the last counter refresh. */
    public long droppedTotal() {
        return feed.dropped() + droppedFromStage;
    }

    /** Messages that went into the table since the view opened (older rows scroll out; these were shown). */
    public long shownTotal() {
        return shownTotal;
    }

    /** Rows in the table, refreshed with the other counters. */
    public ReadOnlyLongProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty heldProperty() {
        return heldCount.getReadOnlyProperty();
    }

    /** Increments whenever rows were appended; the view scrolls to the newest row on it when following. */
    public ReadOnlyLongProperty appendedBatchesProperty() {
        return appendedBatches.getReadOnlyProperty();
    }

    public ObjectProperty<CapturedMessage> selectedProperty() {
        return selected;
    }

    public ObservableList<RateTracker.TopicRate> rates() {
        return rates;
    }

    /** Total msg/s over all topics at the last sample. */
    public double messagesPerSecond() {
        return rates.stream().mapToDouble(RateTracker.TopicRate::messagesPerSecond).sum();
    }

    /** Closes the feed in the background; the view model stays readable. */
    @Override
    public void close() {
        filterDebounce.stop();
        background.run(feed::close);
    }
}
