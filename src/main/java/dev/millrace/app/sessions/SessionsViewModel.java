package dev.millrace.app.sessions;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.flow.CorrelationIndex;
import dev.millrace.app.flow.FlowSource;
import dev.millrace.app.flow.FlowTimeline;
import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Formats;
import dev.millrace.app.fx.Fx;
import dev.millrace.app.fx.Problem;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.record.ExportFormat;
import dev.millrace.record.ExportResult;
import dev.millrace.record.MessageFilter;
import dev.millrace.record.Page;
import dev.millrace.record.RecordStore;
import dev.millrace.record.Replay;
import dev.millrace.record.ReplayProgress;
import dev.millrace.record.ReplayRequest;
import dev.millrace.record.ReplayTiming;
import dev.millrace.record.SessionInfo;
import dev.millrace.record.SessionStatus;
import dev.millrace.record.TopicMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The sessions view's state: the recorded sessions, the open one's entries (keyset-paged, searchable), and export,
 * import, replay and delete. Every store call runs in the background; answers for a session that is no longer open
 * are dropped.
 */
public final class SessionsViewModel {
    static final int PAGE_SIZE = 1_000;
    private static final int FLOW_LIMIT = 500;

    private final StoreHandle store;
    private final Background background;
    private final ObservableList<ManagedConnection> connected;
    private final CorrelationIndex index;
    private final ObservableList<SessionInfo> sessions = FXCollections.observableArrayList();
    private final ObjectProperty<SessionInfo> selected = new SimpleObjectProperty<>();
    private final ObservableList<CapturedMessage> entries = FXCollections.observableArrayList();
    private final ObjectProperty<CapturedMessage> selectedMessage = new SimpleObjectProperty<>();
    private final ObjectProperty<SearchField> searchField = new SimpleObjectProperty<>(SearchField.PAYLOAD);
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ReplayProgress> replayProgress = new ReadOnlyObjectWrapper<>();
    private final Timeline poll = new Timeline();
    private final ReadOnlyStringWrapper availability = new ReadOnlyStringWrapper("Opening the session store…");
    private MessageFilter filter = MessageFilter.ALL;
    private long lastSeq;
    private long generation;
    private Replay replay;

    public SessionsViewModel(StoreHandle store, Background background, ObservableList<ManagedConnection> connected,
                             CorrelationIndex index) {
        this.store = store;
        this.background = background;
        this.connected = connected;
        this.index = index;
        // A refresh replaces the selected session's record with newer counters; only another session reopens.
        selected.addListener((observable, old, now) -> {
            if (old == null || now == null || old.id() != now.id()) {
                open();
            }
        });
        searchField.addListener((observable, old, now) -> search());
        // While something records or replays, counters and progress move: look again twice a second.
        poll.getKeyFrames().setAll(new KeyFrame(Duration.millis(500), event -> tick()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
        store.ready().whenCompleteAsync((open, failure) -> {
            availability.set(failure == null ? "" : store.unavailableReason());
            if (failure == null) {
                refresh();
            }
        }, Fx.thread());
    }

    /** Lists the sessions again, keeping the selection. */
    public CompletableFuture<Void> refresh() {
        return inStore(RecordStore::query).thenCompose(query -> background.call(query::sessions))
                .handleAsync((found, failure) -> {
                    if (failure != null) {
                        problem.set(Problem.of(failure).summary());
                        return null;
                    }
                    long selectedId = selected.get() == null ? -1 : selected.get().id();
                    List<SessionInfo> sorted = found.stream()
                            .sorted(Comparator.comparing(SessionInfo::createdAt).reversed()).toList();
                    merge(sorted);
                    sorted.stream().filter(session -> session.id() == selectedId).findFirst().ifPresent(session -> {
                        if (!session.equals(selected.get())) {
                            selected.set(session);
                        }
                    });
                    return null;
                }, Fx.thread());
    }

    /** Replaces only what changed, so that a refresh while recording does not rebuild the whole list. */
    private void merge(List<SessionInfo> sorted) {
        boolean sameSessions = sessions.size() == sorted.size();
        for (int i = 0; sameSessions && i < sorted.size(); i++) {
            sameSessions = sessions.get(i).id() == sorted.get(i).id();
        }
        if (!sameSessions) {
            sessions.setAll(sorted);
            return;
        }
        for (int i = 0; i < sorted.size(); i++) {
            if (!sessions.get(i).equals(sorted.get(i))) {
                sessions.set(i, sorted.get(i));
            }
        }
    }

    private void tick() {
        boolean recording = sessions.stream().anyMatch(session -> session.status() == SessionStatus.RECORDING);
        if (recording) {
            refresh();
        }
        // The open session is still being written: follow its tail.
        SessionInfo open = selected.get();
        if (open != null && open.status() == SessionStatus.RECORDING && !hasMore.get()) {
            loadMore();
        }
        if (replay != null) {
            ReplayProgress progress = replay.progress();
            replayProgress.set(progress);
            if (progress.done()) {
                status.set(progress.failure() != null ? "Replay failed: " + progress.failure()
                        : (progress.cancelled() ? "Replay cancelled after " : "Replayed ") + Formats.count(progress.sent())
                        + " messages");
                replay = null;
            }
        }
    }

    private void open() {
        entries.clear();
        selectedMessage.set(null);
        lastSeq = 0;
        hasMore.set(false);
        if (selected.get() != null) {
            loadMore();
        }
    }

    /** Applies the search box to the open session. */
    public void search() {
        try {
            filter = searchField.get().filter(searchText.get());
            problem.set("");
        } catch (IllegalArgumentException e) {
            problem.set(Problem.of(e).summary());
            return;
        }
        open();
        SessionInfo session = selected.get();
        if (session != null && filter != MessageFilter.ALL) {
            MessageFilter counted = filter;
            inStore(RecordStore::query).thenCompose(query -> background.call(() -> query.count(session.id(), counted)))
                    .thenAcceptAsync(count -> {
                        if (session.equals(selected.get())) {
                            status.set(Formats.count(count) + " matching entries");
                        }
                    }, Fx.thread());
        }
    }

    /** Reads the next page of the open session. */
    public void loadMore() {
        SessionInfo session = selected.get();
        if (session == null) {
            return;
        }
        long request = ++generation;
        long after = lastSeq;
        MessageFilter current = filter;
        inStore(RecordStore::query)
                .thenCompose(query -> background.call(() -> query.read(session.id(), current, after, PAGE_SIZE)))
                .whenCompleteAsync((page, failure) -> {
                    if (request != generation) {
                        return;
                    }
                    if (failure != null) {
                        problem.set("Reading the session failed: " + Problem.of(failure).summary());
                        return;
                    }
                    append(page);
                }, Fx.thread());
    }

    private void append(Page page) {
        List<CapturedMessage> rows = new ArrayList<>(page.entries().size());
        page.entries().forEach(entry -> rows.add(RecordedEntries.toCaptured(entry)));
        entries.addAll(rows);
        lastSeq = page.lastSeq();
        hasMore.set(page.hasMore());
        if (filter == MessageFilter.ALL) {
            status.set(Formats.count(entries.size()) + (page.hasMore() ? " entries loaded, more to load" : " entries loaded"));
        }
    }

    public CompletableFuture<ExportResult> export(SessionInfo session, Path file, ExportFormat format) {
        MessageFilter current = filter;
        return inStore(store -> store.exporter())
                .thenCompose(exporter -> background.call(() -> exporter.export(session.id(), current, format, file)))
                .whenCompleteAsync((result, failure) -> {
                    if (failure != null) {
                        problem.set("Export failed: " + Problem.of(failure).summary());
                    } else {
                        problem.set("");
                        status.set("Exported " + Formats.count(result.messages()) + " messages"
                                + (result.gaps() > 0 ? " and " + result.gaps() + " gaps" : "") + " ("
                                + Formats.bytes(result.bytes()) + ") to " + file.getFileName());
                    }
                }, Fx.thread());
    }

    public CompletableFuture<SessionInfo> importFile(Path file) {
        return inStore(store -> store.importer())
                .thenCompose(importer -> background.call(() -> importer.importJsonLines(file, null)))
                .whenCompleteAsync((imported, failure) -> {
                    if (failure != null) {
                        problem.set("Import failed: " + Problem.of(failure).summary());
                    } else {
                        problem.set("");
                        status.set("Imported '" + imported.name() + "' with " + Formats.count(imported.recorded())
                                + " messages");
                        refresh().thenRun(() -> Fx.run(() -> selected.set(imported)));
                    }
                }, Fx.thread());
    }

    public CompletableFuture<Void> delete(SessionInfo session) {
        return inStore(Function.identity())
                .thenCompose(open -> background.call(() -> open.deleteSession(session.id())))
                .handleAsync((deleted, failure) -> {
                    if (failure != null) {
                        problem.set("Delete failed: " + Problem.of(failure).summary());
                    } else {
                        if (session.equals(selected.get())) {
                            selected.set(null);
                        }
                        sessions.remove(session);
                        status.set("Deleted '" + session.name() + "'");
                    }
                    return null;
                }, Fx.thread());
    }

    /** Replays the open session (the searched part of it) to {@code target}. */
    public void replay(SessionInfo session, ManagedConnection target, TopicMapping mapping, ReplayTiming timing) {
        BrokerConnection open = target.connection().orElse(null);
        if (open == null) {
            problem.set(target.name() + " is not connected.");
            return;
        }
        ReplayRequest request = ReplayRequest.of(session.id(), open).withFilter(filter).withMapping(mapping)
                .withTiming(timing);
        inStore(store -> store.replayer()).thenCompose(replayer -> background.call(() -> replayer.start(request)))
                .whenCompleteAsync((started, failure) -> {
                    if (failure != null) {
                        problem.set("Replay failed: " + Problem.of(failure).summary());
                    } else {
                        replay = started;
                        status.set("Replaying '" + session.name() + "' to " + target.name() + "…");
                    }
                }, Fx.thread());
    }

    public void cancelReplay() {
        if (replay != null) {
            replay.cancel();
        }
    }

    /** Flows of recorded sessions joined with what the live views saw. */
    public FlowSource flowSource() {
        return correlationId -> inStore(RecordStore::query)
                .thenCompose(query -> background.call(() -> query.correlated(correlationId, FLOW_LIMIT)))
                .thenApply(recorded -> {
                    FlowTimeline fromSessions = RecordedEntries.timeline(correlationId, recorded);
                    return fromSessions.isEmpty() ? index.timeline(correlationId) : fromSessions;
                });
    }

    private <T> CompletableFuture<T> inStore(Function<RecordStore, T> action) {
        return store.ready().thenApply(action);
    }

    public ObservableList<SessionInfo> sessions() {
        return sessions;
    }

    public ObjectProperty<SessionInfo> selectedProperty() {
        return selected;
    }

    public ObservableList<CapturedMessage> entries() {
        return entries;
    }

    public ObjectProperty<CapturedMessage> selectedMessageProperty() {
        return selectedMessage;
    }

    public ObjectProperty<SearchField> searchFieldProperty() {
        return searchField;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ReplayProgress> replayProgressProperty() {
        return replayProgress.getReadOnlyProperty();
    }

    public ObservableList<ManagedConnection> connected() {
        return connected;
    }

    /** Why sessions are unavailable (still opening, or failed), or empty once the store is open. */
    public ReadOnlyStringProperty availabilityProperty() {
        return availability.getReadOnlyProperty();
    }

    public void close() {
        poll.stop();
    }
}
