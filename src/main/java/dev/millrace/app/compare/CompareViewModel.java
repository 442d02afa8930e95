package dev.millrace.app.compare;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Fx;
import dev.millrace.app.fx.Problem;
import dev.millrace.app.sessions.StoreHandle;
import dev.millrace.compare.BrokerResult;
import dev.millrace.compare.BrokerTarget;
import dev.millrace.compare.CancelFlag;
import dev.millrace.compare.CompareEvent;
import dev.millrace.compare.ComparisonResult;
import dev.millrace.compare.ComparisonRunner;
import dev.millrace.compare.ComparisonStore;
import dev.millrace.compare.Phase;
import dev.millrace.compare.ReportFormat;
import dev.millrace.compare.RunOutcome;
import dev.millrace.compare.RunSettings;
import dev.millrace.compare.Workload;
import dev.millrace.compare.Workloads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The compare view's state: which profiles and which workload, the running comparison's progress, the result on
 * show, and the past runs kept in the data directory's database. Lives on the FX thread; the comparison, the file
 * reads and writes and every JDBC call run on {@link Background} threads and come back once per event or task.
 */
public final class CompareViewModel implements AutoCloseable {
    /** How far a broker is once its producers are done: only the drain and the close are left. */
    private static final double DRAINING = 0.99;
    private final StoreHandle store;
    private final Background background;
    private final RunSettings settings;
    private final ObservableList<BrokerChoice> brokers = FXCollections.observableArrayList(
            choice -> new Observable[] {choice.selectedProperty()});
    private final List<Workload> builtIn = Workloads.builtIn();
    private final ObservableList<Workload> workloads = FXCollections.observableArrayList(builtIn);
    private final ObjectProperty<Workload> workload = new SimpleObjectProperty<>(workloads.getFirst());
    private final ObservableList<BrokerProgress> progress = FXCollections.observableArrayList();
    private final ReadOnlyDoubleWrapper overall = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ComparisonResult> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ComparisonStore.Entry> history = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final BooleanBinding canRun;
    private CancelFlag cancel = new CancelFlag();

    /**
     * @param profiles every connection profile of the workbench, connected or not
     * @param settings how patiently comparisons run (progress interval, idle timeout)
     */
    public CompareViewModel(ObservableList<ManagedConnection> profiles, StoreHandle store, Background background,
            RunSettings settings) {
        this.store = store;
        this.background = background;
        this.settings = settings;
        follow(profiles);
        profiles.addListener((ListChangeListener<ManagedConnection>) change -> follow(profiles));
        canRun = Bindings.createBooleanBinding(() -> !running.get() && workload.get() != null
                && brokers.stream().anyMatch(choice -> choice.selectedProperty().get()), running, workload, brokers);
    }

    /** Keeps one choice per profile, in the sidebar's order, remembering what was ticked. */
    private void follow(List<ManagedConnection> profiles) {
        Set<ManagedConnection> ticked = new HashSet<>();
        brokers.stream().filter(choice -> choice.selectedProperty().get()).forEach(choice -> ticked.add(choice.connection()));
        List<BrokerChoice> choices = new ArrayList<>();
        for (ManagedConnection profile : profiles) {
            BrokerChoice choice = brokers.stream().filter(existing -> existing.connection() == profile).findFirst()
                    .orElseGet(() -> new BrokerChoice(profile));
            choice.selectedProperty().set(ticked.contains(profile));
            choices.add(choice);
        }
        brokers.setAll(choices);
    }

    /**
     * Runs the chosen workload on the ticked profiles, one after the other, then stores the result. Completes on
     * the FX thread with the result (also when cancelled: the columns not measured say so).
     */
    public CompletableFuture<ComparisonResult> run() {
        if (!canRun.get()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(running.get()
                    ? "A comparison is already running." : "Tick at least one broker and choose a workload."));
        }
        Workload chosen = workload.get();
        List<BrokerTarget> targets = targets(brokers.stream().filter(choice -> choice.selectedProperty().get()).toList());
        CancelFlag flag = new CancelFlag();
        cancel = flag;
        progress.setAll(targets.stream().map(target -> BrokerProgress.waiting(target.label())).toList());
        overall.set(0);
        // The view shows the progress now, and the new result when it comes, not the previous one meanwhile.
        result.set(null);
        running.set(true);
        problem.set("");
        status.set("Starting " + chosen.name() + " on " + targets.size() + (targets.size() == 1 ? " broker" : " brokers"));
        ComparisonRunner runner = new ComparisonRunner(settings);
        CompletableFuture<Finished> work = background.call(() -> {
            ComparisonResult done = runner.run(chosen, targets, event -> Fx.run(() -> show(event, chosen)), flag);
            return new Finished(done, save(done));
        });
        return work.handleAsync((finished, failure) -> {
            running.set(false);
            if (failure != null) {
                problem.set(Problem.of(failure).summary());
                status.set("");
                throw new IllegalStateException(Problem.of(failure).summary(), Problem.unwrap(failure));
            }
            result.set(finished.result());
            overall.set(1);
            status.set(summary(finished.result()) + " · " + finished.stored());
            refreshHistory();
            return finished.result();
        }, Fx.thread());
    }

    private record Finished(ComparisonResult result, String stored) {
    }

    /** Stores {@code done}, on the worker thread; says in a few words whether that worked. */
    private String save(ComparisonResult done) {
        try {
            new ComparisonStore(store.ready().join()).save(done);
            return "stored in past runs";
        } catch (RuntimeException e) {
            return "not stored: " + Problem.of(e).summary();
        }
    }

    /** Stops the running comparison within a moment; what ran so far is kept and shown. */
    public void cancel() {
        if (running.get()) {
            cancel.cancel();
            status.set("Cancelling: closing the running broker's connections");
        }
    }

    private void show(CompareEvent event, Workload chosen) {
        switch (event) {
            case CompareEvent.BrokerStarting starting -> {
                replace(starting.label(), row -> row.withState("connecting", -1));
                status.set("Broker " + (starting.index() + 1) + " of " + starting.count() + ": " + starting.label());
            }
            case CompareEvent.PhaseChanged changed -> replace(changed.label(),
                    row -> row.withState(words(changed.phase()), changed.phase() == Phase.DRAINING ? DRAINING : -1));
            case CompareEvent.Progress snapshot -> replace(snapshot.label(), row -> new BrokerProgress(
                    snapshot.label(), words(snapshot.phase()), snapshot.elapsed(), snapshot.sent(), snapshot.received(),
                    snapshot.consumeRate(), snapshot.p99Nanos(), snapshot.errors(), fraction(snapshot, chosen)));
            case CompareEvent.BrokerFinished finished -> replace(finished.result().label(),
                    row -> finishedRow(row, finished.result()));
            case CompareEvent.ComparisonFinished finished -> result.set(finished.result());
        }
        long done = progress.stream().filter(row -> row.fraction() >= 1).count();
        double current = progress.stream().filter(row -> row.fraction() >= 0 && row.fraction() < 1)
                .mapToDouble(BrokerProgress::fraction).findFirst().orElse(0);
        overall.set(progress.isEmpty() ? 0 : Math.min(1, (done + current) / progress.size()));
    }

    private static BrokerProgress finishedRow(BrokerProgress row, BrokerResult finished) {
        return finished.metrics().map(metrics -> new BrokerProgress(row.label(), finished.outcome().status(),
                row.elapsed(), metrics.sent(), metrics.received(), metrics.consumeRate(),
                metrics.endToEnd().p99Nanos(), metrics.errors(), 1)).orElse(row.withState(finished.outcome().status(), 1));
    }

    private static double fraction(CompareEvent.Progress snapshot, Workload chosen) {
        if (snapshot.phase() != Phase.MEASURING) {
            return snapshot.phase() == Phase.DRAINING ? DRAINING : -1;
        }
        double fraction = chosen.counted() ? (double) snapshot.sent() / chosen.messages()
                : (double) snapshot.elapsed().toMillis() / chosen.duration().toMillis();
        return Math.max(0, Math.min(DRAINING, fraction));
    }

    private void replace(String label, Function<BrokerProgress, BrokerProgress> change) {
        for (int i = 0; i < progress.size(); i++) {
            if (progress.get(i).label().equals(label)) {
                progress.set(i, change.apply(progress.get(i)));
                return;
            }
        }
    }

    private static String words(Phase phase) {
        return phase.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String summary(ComparisonResult done) {
        long measured = done.brokers().stream().filter(broker -> broker.outcome() instanceof RunOutcome.Measured).count();
        return measured + " of " + done.brokers().size() + " measured";
    }

    /** One column per ticked profile, labelled after the profile; a second profile of the same name gets "-2". */
    static List<BrokerTarget> targets(List<BrokerChoice> chosen) {
        Set<String> used = new HashSet<>();
        List<BrokerTarget> targets = new ArrayList<>();
        for (BrokerChoice choice : chosen) {
            String label = choice.baseLabel();
            for (int n = 2; !used.add(label.toLowerCase(Locale.ROOT)); n++) {
                label = choice.baseLabel() + "-" + n;
            }
            targets.add(choice.target(label));
        }
        return targets;
    }

    /** Reads a workload file and chooses it; completes on the FX thread. */
    public CompletableFuture<Workload> openWorkload(Path file) {
        return background.call(() -> Workloads.read(file)).thenApplyAsync(read -> {
            workloads.removeIf(known -> known.name().equals(read.name()) && !builtIn.contains(known));
            workloads.add(read);
            workload.set(read);
            return read;
        }, Fx.thread());
    }

    /** Writes the result on show as {@code format} into {@code file}; completes on the FX thread. */
    public CompletableFuture<Path> export(Path file, ReportFormat format) {
        ComparisonResult shown = result.get();
        if (shown == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Run or open a comparison first."));
        }
        return background.run(() -> format.write(shown, file)).thenApplyAsync(done -> {
            status.set("Exported to " + file);
            return file;
        }, Fx.thread());
    }

    /** Reloads the list of past runs from the database. */
    public CompletableFuture<List<ComparisonStore.Entry>> refreshHistory() {
        return onStore(ComparisonStore::list).thenApplyAsync(entries -> {
            history.setAll(entries);
            return entries;
        }, Fx.thread());
    }

    /** Shows a past run. */
    public CompletableFuture<ComparisonResult> reopen(ComparisonStore.Entry entry) {
        return sideBySide(List.of(entry));
    }

    /** Shows several past runs as one comparison, their columns side by side (one run: just that run). */
    public CompletableFuture<ComparisonResult> sideBySide(List<ComparisonStore.Entry> entries) {
        List<String> ids = entries.stream().map(ComparisonStore.Entry::id).toList();
        return onStore(comparisons -> {
            List<ComparisonResult> runs = new ArrayList<>();
            for (String id : ids) {
                runs.add(comparisons.load(id).orElseThrow(() -> new IllegalArgumentException(
                        "The run " + id + " is no longer stored.")));
            }
            return runs.size() == 1 ? runs.getFirst() : ComparisonResult.sideBySide(runs);
        }).thenApplyAsync(shown -> {
            if (!running.get()) {
                progress.clear();
                overall.set(0);
            }
            result.set(shown);
            status.set(ids.size() == 1 ? "Past run " + shown.id() : ids.size() + " past runs side by side");
            return shown;
        }, Fx.thread());
    }

    /** Deletes past runs from the database. */
    public CompletableFuture<List<ComparisonStore.Entry>> delete(List<ComparisonStore.Entry> entries) {
        List<String> ids = entries.stream().map(ComparisonStore.Entry::id).toList();
        return onStore(comparisons -> {
            ids.forEach(comparisons::delete);
            return null;
        }).thenCompose(deleted -> refreshHistory());
    }

    private <T> CompletableFuture<T> onStore(Function<ComparisonStore, T> work) {
        return background.call(() -> {
            if (store.ready().isCompletedExceptionally()) {
                throw new IllegalStateException("Past runs are not available: " + store.unavailableReason());
            }
            return work.apply(new ComparisonStore(store.ready().join()));
        });
    }

    public ObservableList<BrokerChoice> brokers() {
        return brokers;
    }

    public ObservableList<Workload> workloads() {
        return workloads;
    }

    public ObjectProperty<Workload> workloadProperty() {
        return workload;
    }

    public ObservableList<BrokerProgress> progress() {
        return progress;
    }

    /** The whole comparison's progress, 0 to 1. */
    public ReadOnlyDoubleProperty overallProgressProperty() {
        return overall.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public BooleanBinding canRunBinding() {
        return canRun;
    }

    /** The comparison on show: the one that just ran, or past runs reopened. */
    public ReadOnlyObjectProperty<ComparisonResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObservableList<ComparisonStore.Entry> history() {
        return history;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last comparison could not run, in plain words; empty when it ran. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Cancels a running comparison; its worker finishes closing its connections on its own. */
    @Override
    public void close() {
        cancel.cancel();
    }
}
