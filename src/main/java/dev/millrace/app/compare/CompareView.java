package dev.millrace.app.compare;

import atlantafx.base.theme.Styles;
import dev.millrace.app.fx.FilePicker;
import dev.millrace.app.fx.Formats;
import dev.millrace.app.fx.Icons;
import dev.millrace.app.fx.Problem;
import dev.millrace.app.fx.ProblemDialog;
import dev.millrace.compare.ComparisonResult;
import dev.millrace.compare.ComparisonStore;
import dev.millrace.compare.FeatureTable;
import dev.millrace.compare.ReportFormat;
import dev.millrace.compare.ResultTable;
import dev.millrace.compare.RunOutcome;
import dev.millrace.compare.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignO;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * Broker comparison: tick profiles, choose a workload, run; watch each broker's phase and counts; then the numbers,
 * the throughput and latency charts and the features side by side, exportable as Markdown, HTML or CSV. Past runs
 * from the database can be reopened, alone or several side by side.
 */
public final class CompareView extends BorderPane {
    private static final double PROGRESS_ROW = 30;
    private static final double PROGRESS_HEADER = 44;

    private final CompareViewModel viewModel;
    private final FilePicker files;
    private final TableView<ResultTable.Row> results = new TableView<>();
    private final TableView<FeatureTable.Row> features = new TableView<>();
    private final CompareCharts charts = new CompareCharts();
    private final Label heading = new Label("No comparison yet");
    private final Label facts = new Label();
    private final Label notes = new Label();
    private final Label noRuns = new Label("Past runs appear here once a comparison has run.");

    public CompareView(CompareViewModel viewModel, FilePicker files) {
        this.viewModel = viewModel;
        this.files = files;
        getStyleClass().add("compare-view");
        getStylesheets().add(CompareView.class.getResource("/dev/millrace/app/compare/compare.css").toExternalForm());
        setTop(toolbar());
        SplitPane split = new SplitPane(sidePane(), mainPane());
        split.setDividerPositions(0.18);
        SplitPane.setResizableWithParent(split.getItems().getFirst(), false);
        setCenter(split);
        viewModel.resultProperty().addListener((observable, old, now) -> show(now));
        viewModel.runningProperty().addListener((observable, old, now) -> show(viewModel.resultProperty().get()));
        show(viewModel.resultProperty().get());
        viewModel.refreshHistory().exceptionally(failure -> {
            noRuns.setText(Problem.unwrap(failure).getMessage());
            return null;
        });
    }

    private Node toolbar() {
        ComboBox<Workload> workload = new ComboBox<>(viewModel.workloads());
        workload.setId("compare-workload");
        workload.valueProperty().bindBidirectional(viewModel.workloadProperty());
        workload.disableProperty().bind(viewModel.runningProperty());
        workload.setConverter(new StringConverter<>() {
            @Override
            public String toString(Workload value) {
                return value == null ? "" : value.name();
            }

            @Override
            public Workload fromString(String text) {
                throw new UnsupportedOperationException("the workload box is not editable");
            }
        });
        Button open = Icons.iconButton(MaterialDesignF.FOLDER_OPEN_OUTLINE, "Open a workload file (JSON)");
        open.setId("compare-open-workload");
        open.disableProperty().bind(viewModel.runningProperty());
        open.setOnAction(event -> openWorkload());
        Button run = Icons.button("Run", MaterialDesignP.PLAY);
        run.setId("compare-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(viewModel.canRunBinding().not());
        run.setOnAction(event -> viewModel.run().exceptionally(failure -> {
            ProblemDialog.show(getScene().getWindow(), "The comparison could not run", Problem.of(failure));
            return null;
        }));
        Button cancel = Icons.button("Cancel", MaterialDesignS.STOP);
        cancel.setId("compare-cancel");
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        cancel.setOnAction(event -> viewModel.cancel());
        ProgressBar progress = new ProgressBar();
        progress.setId("compare-progress-bar");
        progress.setPrefWidth(160);
        progress.setMinWidth(160);
        progress.progressProperty().bind(viewModel.overallProgressProperty());
        progress.visibleProperty().bind(viewModel.runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label problem = new Label();
        problem.setId("compare-problem");
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        problem.textProperty().bind(viewModel.problemProperty());
        Label status = new Label();
        status.setId("compare-status");
        status.getStyleClass().add(Styles.TEXT_SMALL);
        status.textProperty().bind(viewModel.statusProperty());
        status.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, new Label("Workload"), workload, open, run, cancel, progress, spacer, problem, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("view-toolbar");
        return bar;
    }

    private Node sidePane() {
        ListView<BrokerChoice> brokers = new ListView<>(viewModel.brokers());
        brokers.setId("compare-brokers");
        brokers.setCellFactory(CheckBoxListCell.forListView(BrokerChoice::selectedProperty, new StringConverter<>() {
            @Override
            public String toString(BrokerChoice choice) {
                return choice == null ? "" : choice.name();
            }

            @Override
            public BrokerChoice fromString(String text) {
                throw new UnsupportedOperationException("broker cells are not editable");
            }
        }));
        brokers.disableProperty().bind(viewModel.runningProperty());
        brokers.setPrefHeight(180);
        Label noProfiles = new Label("No connection profiles yet. Add one in the sidebar.");
        noProfiles.setWrapText(true);
        brokers.setPlaceholder(noProfiles);

        ListView<ComparisonStore.Entry> history = new ListView<>(viewModel.history());
        history.setId("compare-history");
        history.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        history.setCellFactory(view -> {
            PastRunCell cell = new PastRunCell();
            cell.setPrefWidth(0);
            return cell;
        });
        noRuns.setWrapText(true);
        history.setPlaceholder(noRuns);
        history.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2
                    && history.getSelectionModel().getSelectedItem() != null) {
                reopen(List.of(history.getSelectionModel().getSelectedItem()));
            }
        });
        VBox.setVgrow(history, Priority.ALWAYS);
        ObservableList<ComparisonStore.Entry> selectedRuns = history.getSelectionModel().getSelectedItems();
        Button open = Icons.iconButton(MaterialDesignO.OPEN_IN_APP, "Open the selected run (or double-click it)");
        open.setId("compare-history-open");
        open.disableProperty().bind(Bindings.size(selectedRuns).isNotEqualTo(1));
        open.setOnAction(event -> reopen(List.copyOf(selectedRuns)));
        Button sideBySide = Icons.iconButton(MaterialDesignC.COMPARE_HORIZONTAL,
                "Open the selected runs side by side (select several with Ctrl or Shift)");
        sideBySide.setId("compare-history-side-by-side");
        sideBySide.disableProperty().bind(Bindings.size(selectedRuns).lessThan(2));
        sideBySide.setOnAction(event -> reopen(List.copyOf(selectedRuns)));
        Button delete = Icons.iconButton(MaterialDesignD.DELETE_OUTLINE, "Delete the selected runs");
        delete.setId("compare-history-delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.disableProperty().bind(Bindings.isEmpty(selectedRuns));
        delete.setOnAction(event -> viewModel.delete(List.copyOf(selectedRuns)).exceptionally(failure -> {
            ProblemDialog.show(getScene().getWindow(), "Could not delete", Problem.of(failure));
            return null;
        }));
        Button refresh = Icons.iconButton(MaterialDesignR.REFRESH, "Reload the past runs");
        refresh.setOnAction(event -> viewModel.refreshHistory().exceptionally(failure -> {
            ProblemDialog.show(getScene().getWindow(), "Past runs are not available", Problem.of(failure));
            return null;
        }));
        HBox historyActions = new HBox(6, open, sideBySide, delete, refresh);
        historyActions.setAlignment(Pos.CENTER_LEFT);
        VBox pane = new VBox(8, title("Brokers"), brokers, title("Past runs"), history, historyActions);
        pane.setPadding(new Insets(8));
        pane.setMinWidth(190);
        return pane;
    }

    private Node mainPane() {
        heading.setId("compare-heading");
        heading.getStyleClass().add(Styles.TITLE_4);
        facts.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        facts.setWrapText(true);
        facts.setMinHeight(Region.USE_PREF_SIZE);

        TableView<BrokerProgress> progress = progressTable();
        progress.visibleProperty().bind(viewModel.runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        results.setId("compare-results");
        results.getStyleClass().add(Styles.DENSE);
        results.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        results.setPlaceholder(new Label("The numbers appear here once a comparison has run."));
        features.setId("compare-features");
        features.getStyleClass().add(Styles.DENSE);
        features.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        features.setPlaceholder(new Label("The brokers' features appear with the results."));
        features.setPrefHeight(300);
        VBox.setVgrow(results, Priority.ALWAYS);
        VBox tables = new VBox(8, title("Numbers"), results, title("Features, from the adapters' declared capabilities"),
                features);
        VBox chartPane = new VBox(8, charts.throughput(), charts.latency());
        VBox.setVgrow(charts.throughput(), Priority.ALWAYS);
        VBox.setVgrow(charts.latency(), Priority.ALWAYS);
        Label noCharts = new Label("The throughput and latency charts appear when a comparison has run.");
        noCharts.setWrapText(true);
        noCharts.getStyleClass().add(Styles.TEXT_MUTED);
        chartPane.visibleProperty().bind(viewModel.resultProperty().isNotNull());
        noCharts.visibleProperty().bind(chartPane.visibleProperty().not());
        StackPane chartArea = new StackPane(chartPane, noCharts);
        chartArea.setPadding(new Insets(0, 0, 0, 8));
        SplitPane sideBySide = new SplitPane(tables, chartArea);
        sideBySide.setDividerPositions(0.58);
        VBox.setVgrow(sideBySide, Priority.ALWAYS);

        Button markdown = exportButton("Markdown", ReportFormat.MARKDOWN, "md");
        markdown.setId("compare-export-md");
        Button html = exportButton("HTML", ReportFormat.HTML, "html");
        html.setId("compare-export-html");
        Button csv = exportButton("CSV", ReportFormat.CSV, "csv");
        csv.setId("compare-export-csv");
        HBox export = new HBox(6, new Label("Export the report as"), markdown, html, csv);
        export.setAlignment(Pos.CENTER_LEFT);
        export.getStyleClass().add("view-footer");

        notes.setId("compare-notes");
        notes.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        notes.setWrapText(true);
        notes.setMinHeight(Region.USE_PREF_SIZE);
        notes.managedProperty().bind(notes.textProperty().isNotEmpty());
        VBox pane = new VBox(8, heading, facts, notes, progress, sideBySide, export);
        pane.setPadding(new Insets(8));
        return pane;
    }

    private TableView<BrokerProgress> progressTable() {
        TableView<BrokerProgress> table = new TableView<>(viewModel.progress());
        table.setId("compare-progress");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Broker", BrokerProgress::label),
                column("Phase", BrokerProgress::state),
                column("Elapsed", row -> String.format(Locale.ROOT, "%.1f s", row.elapsed().toMillis() / 1000.0)),
                column("Sent", row -> Formats.count(row.sent())),
                column("Received", row -> Formats.count(row.received())),
                column("Rate", row -> Formats.rate(row.rate())),
                column("p99", row -> row.p99Nanos() == 0 ? "—" : Formats.latency(row.p99Nanos())),
                column("Errors", row -> Formats.count(row.errors()))));
        // Exactly as tall as its rows, so that the results and charts below keep the rest of the room.
        table.setFixedCellSize(PROGRESS_ROW);
        table.prefHeightProperty().bind(Bindings.size(viewModel.progress()).multiply(PROGRESS_ROW).add(PROGRESS_HEADER));
        table.setMinHeight(Region.USE_PREF_SIZE);
        return table;
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setCellFactory(owner -> new TextCell<>());
        column.setSortable(false);
        return column;
    }

    /** A cell whose whole text shows on hover, for the cells a narrow window cuts short. */
    private static final class TextCell<R> extends TableCell<R, String> {
        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            setTooltip(empty || text == null || text.length() < 16 ? null : new Tooltip(text));
        }
    }

    private void show(ComparisonResult result) {
        charts.show(result);
        if (result == null) {
            Workload running = viewModel.workloadProperty().get();
            boolean busy = viewModel.runningProperty().get() && running != null;
            heading.setText(busy ? "Running " + running.name() : "No comparison yet");
            facts.setText(busy ? running.description() : "Each broker runs the same workload in turn: warm-up, "
                    + "measured phase, drain. The numbers, the charts and the brokers' features then appear side by "
                    + "side.");
            notes.setText("");
            results.getColumns().clear();
            results.getItems().clear();
            features.getColumns().clear();
            features.getItems().clear();
            return;
        }
        heading.setText(result.workload().name() + " · " + Formats.dateTime(result.startedAt()));
        facts.setText(result.workload().description() + (result.environment() == null ? ""
                : "  Ran on " + result.environment().cores() + " cores, Java " + result.environment().java() + "."));
        notes.setText(String.join("\n", result.brokers().stream().flatMap(broker -> Stream.concat(
                broker.outcome() instanceof RunOutcome.Measured ? Stream.<String>empty()
                        : Stream.of(broker.outcome().status() + ": " + broker.outcome().reason()),
                broker.notes().stream()).map(note -> broker.label() + " — " + note)).toList()));
        ResultTable numbers = ResultTable.of(result);
        fill(results, "Metric", ResultTable.Row::metric, ResultTable.Row::cells, numbers.brokers(), numbers.rows());
        FeatureTable table = FeatureTable.of(result.brokers());
        fill(features, "Aspect", FeatureTable.Row::aspect, FeatureTable.Row::cells, table.brokers(), table.rows());
    }

    private static <R> void fill(TableView<R> table, String firstTitle, Function<R, String> first,
            Function<R, List<String>> cells, List<String> brokers, List<R> rows) {
        table.getColumns().clear();
        TableColumn<R, String> name = column(firstTitle, first);
        name.setPrefWidth(Math.max(120, 7.5 * rows.stream().mapToInt(row -> first.apply(row).length()).max().orElse(0) + 28));
        table.getColumns().add(name);
        for (int i = 0; i < brokers.size(); i++) {
            int index = i;
            TableColumn<R, String> broker = column(brokers.get(i), row -> cells.apply(row).get(index));
            int widest = Math.max(brokers.get(i).length(), rows.stream()
                    .mapToInt(row -> cells.apply(row).get(index).length()).max().orElse(0));
            // Wide enough for what the column holds, in characters of the table font, within reason.
            broker.setPrefWidth(Math.max(110, Math.min(200, 7.5 * widest + 28)));
            table.getColumns().add(broker);
        }
        table.getItems().setAll(rows);
    }

    private Button exportButton(String text, ReportFormat format, String extension) {
        Button button = Icons.button(text, MaterialDesignE.EXPORT);
        button.disableProperty().bind(viewModel.resultProperty().isNull());
        button.setOnAction(event -> {
            ComparisonResult shown = viewModel.resultProperty().get();
            files.save(getScene().getWindow(), "Export the comparison as " + text, shown.id() + "." + extension,
                    text, "*." + extension).ifPresent(chosen -> {
                        Path file = chosen.getFileName().toString().contains(".") ? chosen
                                : chosen.resolveSibling(chosen.getFileName() + "." + extension);
                        viewModel.export(file, format).exceptionally(failure -> {
                            ProblemDialog.show(getScene().getWindow(), "The report could not be written",
                                    Problem.of(failure));
                            return null;
                        });
                    });
        });
        return button;
    }

    private void openWorkload() {
        files.open(getScene().getWindow(), "Open a workload", "Workload (JSON)", "*.json").ifPresent(file ->
                viewModel.openWorkload(file).exceptionally(failure -> {
                    ProblemDialog.show(getScene().getWindow(), "The workload could not be read", Problem.of(failure));
                    return null;
                }));
    }

    private void reopen(List<ComparisonStore.Entry> entries) {
        viewModel.sideBySide(entries).exceptionally(failure -> {
            ProblemDialog.show(getScene().getWindow(), "The past run could not be opened", Problem.of(failure));
            return null;
        });
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        return label;
    }

    /** A past run: workload and status, then when and on which brokers. */
    private static final class PastRunCell extends ListCell<ComparisonStore.Entry> {
        @Override
        protected void updateItem(ComparisonStore.Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(entry.workload());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            Label badge = new Label(entry.status());
            badge.setMinWidth(Region.USE_PREF_SIZE);
            badge.getStyleClass().addAll(Styles.TEXT_SMALL, entry.status().equals("complete") ? Styles.SUCCESS
                    : Styles.WARNING);
            Label detail = new Label(Formats.dateTime(entry.startedAt()) + " · " + String.join(", ", entry.brokers()));
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            HBox top = new HBox(6, name, badge);
            top.setAlignment(Pos.BASELINE_LEFT);
            setGraphic(new VBox(2, top, detail));
            setText(null);
            setTooltip(new Tooltip(entry.workload() + " on " + String.join(", ", entry.brokers()) + "\n" + entry.id()));
        }
    }
}
