package dev.millrace.app.sessions;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import dev.millrace.app.flow.FlowView;
import dev.millrace.app.fx.FilePicker;
import dev.millrace.app.fx.Formats;
import dev.millrace.app.fx.Icons;
import dev.millrace.app.fx.Problem;
import dev.millrace.app.fx.ProblemDialog;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.app.message.MessageDetailPane;
import dev.millrace.app.message.MessageTable;
import dev.millrace.record.ExportFormat;
import dev.millrace.record.SessionInfo;
import dev.millrace.record.SessionStatus;
import dev.millrace.record.SubscriptionSpec;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/** Recorded sessions: the list, and the open session's messages with search, export, replay and delete. */
public final class SessionsView extends BorderPane {
    private final SessionsViewModel viewModel;
    private final FilePicker files;
    private final ListView<SessionInfo> list = new ListView<>();
    private final Label header = new Label("Select a session");
    private final Label facts = new Label();

    public SessionsView(SessionsViewModel viewModel, FilePicker files) {
        this.viewModel = viewModel;
        this.files = files;
        getStyleClass().add("sessions-view");
        setTop(toolbar());
        SplitPane split = new SplitPane(sessionList(), sessionPane());
        split.setDividerPositions(0.28);
        setCenter(split);
    }

    private Node toolbar() {
        BooleanBinding none = viewModel.selectedProperty().isNull();
        Button refresh = Icons.iconButton(MaterialDesignR.REFRESH, "Refresh the list");
        refresh.setOnAction(event -> viewModel.refresh());
        Button importFile = Icons.button("Import…", MaterialDesignI.IMPORT);
        importFile.setId("sessions-import");
        importFile.setOnAction(event -> importFile());
        Button export = Icons.button("Export…", MaterialDesignE.EXPORT);
        export.setId("sessions-export");
        export.disableProperty().bind(none);
        export.setOnAction(event -> export());
        Button replay = Icons.button("Replay…", MaterialDesignR.REPLAY);
        replay.setId("sessions-replay");
        replay.disableProperty().bind(none.or(Bindings.isEmpty(viewModel.connected())));
        replay.setOnAction(event -> replay());
        Button cancelReplay = Icons.iconButton(MaterialDesignR.REPLAY, "Stop the replay");
        cancelReplay.setText("Stop replay");
        cancelReplay.visibleProperty().bind(Bindings.createBooleanBinding(() -> viewModel.replayProgressProperty().get() != null
                && !viewModel.replayProgressProperty().get().done(), viewModel.replayProgressProperty()));
        cancelReplay.managedProperty().bind(cancelReplay.visibleProperty());
        cancelReplay.setOnAction(event -> viewModel.cancelReplay());
        Button delete = Icons.button("Delete", MaterialDesignD.DELETE_OUTLINE);
        delete.setId("sessions-delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.disableProperty().bind(none);
        delete.setOnAction(event -> delete());
        Label status = new Label();
        status.setId("sessions-status");
        status.getStyleClass().addAll(Styles.TEXT_SMALL);
        status.textProperty().bind(viewModel.statusProperty());
        Label problem = new Label();
        problem.setId("sessions-problem");
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        problem.textProperty().bind(viewModel.problemProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, refresh, importFile, export, replay, cancelReplay, delete, spacer, problem, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("view-toolbar");
        return bar;
    }

    private Node sessionList() {
        list.setId("sessions-list");
        list.setItems(viewModel.sessions());
        list.setCellFactory(view -> {
            SessionCell cell = new SessionCell();
            // Cells take the list's width, so long names are cut with an ellipsis instead of scrolling sideways.
            cell.setPrefWidth(0);
            return cell;
        });
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(Bindings.when(viewModel.availabilityProperty().isEmpty())
                .then("No recorded sessions yet. Press record on a live view.")
                .otherwise(Bindings.concat("Sessions are not available: ", viewModel.availabilityProperty())));
        list.setPlaceholder(placeholder);
        list.getSelectionModel().selectedItemProperty().addListener((observable, old, now) -> {
            if (now != null) {
                viewModel.selectedProperty().set(now);
            }
        });
        viewModel.selectedProperty().addListener((observable, old, now) -> {
            if (now != null && list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
            describe(now);
        });
        return list;
    }

    private Node sessionPane() {
        header.getStyleClass().add(Styles.TITLE_4);
        header.setId("sessions-header");
        facts.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        facts.setWrapText(true);

        ComboBox<SearchField> field = new ComboBox<>();
        field.getItems().setAll(SearchField.values());
        field.valueProperty().bindBidirectional(viewModel.searchFieldProperty());
        CustomTextField search = new CustomTextField();
        search.setId("sessions-search");
        search.setLeft(Icons.icon(MaterialDesignM.MAGNIFY));
        search.setPromptText("search the session");
        search.setPrefColumnCount(24);
        search.textProperty().bindBidirectional(viewModel.searchTextProperty());
        search.setOnAction(event -> viewModel.search());
        Button go = new Button("Search");
        go.setOnAction(event -> viewModel.search());
        HBox searchBar = new HBox(6, field, search, go);
        searchBar.setAlignment(Pos.CENTER_LEFT);

        TableView<CapturedMessage> table = MessageTable.create(viewModel.entries(), true);
        table.setId("sessions-table");
        table.setPlaceholder(new Label("No entries."));
        table.getSelectionModel().selectedItemProperty().addListener((observable, old, now) -> {
            if (now != null) {
                viewModel.selectedMessageProperty().set(now);
            }
        });
        Button more = new Button("Load more");
        more.setId("sessions-more");
        more.visibleProperty().bind(viewModel.hasMoreProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.setOnAction(event -> viewModel.loadMore());
        VBox tableBox = new VBox(4, table, more);
        VBox.setVgrow(table, Priority.ALWAYS);

        FlowView flow = new FlowView(viewModel.flowSource());
        flow.correlationIdProperty().bind(Bindings.createStringBinding(() -> viewModel.selectedMessageProperty().get() == null
                ? null : viewModel.selectedMessageProperty().get().correlationId(), viewModel.selectedMessageProperty()));
        SplitPane messages = new SplitPane(tableBox, new MessageDetailPane(viewModel.selectedMessageProperty(), flow));
        messages.setOrientation(Orientation.VERTICAL);
        messages.setDividerPositions(0.55);

        VBox pane = new VBox(6, header, facts, searchBar, messages);
        pane.setPadding(new Insets(8));
        VBox.setVgrow(messages, Priority.ALWAYS);
        return pane;
    }

    private void describe(SessionInfo session) {
        if (session == null) {
            header.setText("Select a session");
            facts.setText("");
            return;
        }
        header.setText(session.name());
        facts.setText(session.status().name().toLowerCase(Locale.ROOT) + " · " + Formats.dateTime(session.createdAt())
                + (session.endedAt() == null ? "" : " – " + Formats.dateTime(session.endedAt()))
                + " · " + (session.profileName() == null ? session.brokerId() : session.profileName() + " (" + session.brokerId() + ")")
                + " · topics " + String.join(", ", session.subscriptions().stream().map(SubscriptionSpec::topic).toList())
                + " · " + Formats.count(session.recorded()) + " recorded of " + Formats.count(session.received()) + " received"
                + (session.dropped() > 0 ? " · " + Formats.count(session.dropped()) + " dropped (see the gap rows)" : "")
                + (session.notes().isBlank() ? "" : "\n" + session.notes()));
    }

    private void export() {
        SessionInfo session = viewModel.selectedProperty().get();
        files.save(getScene().getWindow(), "Export session", session.name().replaceAll("[^A-Za-z0-9._-]+", "-") + ".jsonl",
                "JSON Lines (lossless, re-importable)", "*.jsonl", "CSV (spreadsheets)", "*.csv").ifPresent(chosen -> {
                    ExportFormat format = chosen.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                            ? ExportFormat.CSV : ExportFormat.JSONL;
                    viewModel.export(session, chosen, format);
                });
    }

    private void importFile() {
        files.open(getScene().getWindow(), "Import session", "JSON Lines", "*.jsonl")
                .ifPresent(viewModel::importFile);
    }

    private void replay() {
        SessionInfo session = viewModel.selectedProperty().get();
        try {
            new ReplayDialog(getScene().getWindow(), session, viewModel.connected()).showAndWait()
                    .ifPresent(choice -> viewModel.replay(session, choice.target(), choice.mapping(), choice.timing()));
        } catch (IllegalArgumentException e) {
            ProblemDialog.show(getScene().getWindow(), "Cannot replay", Problem.of(e));
        }
    }

    private void delete() {
        SessionInfo session = viewModel.selectedProperty().get();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete the session '" + session.name() + "' and its "
                + Formats.count(session.recorded()) + " messages? This cannot be undone.", ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(getScene().getWindow());
        confirm.setHeaderText("Delete session");
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> viewModel.delete(session));
    }

    private static final class SessionCell extends ListCell<SessionInfo> {
        @Override
        protected void updateItem(SessionInfo session, boolean empty) {
            super.updateItem(session, empty);
            if (empty || session == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(session.name());
            name.getStyleClass().addAll(Styles.TEXT_BOLD, "cell-title");
            name.setMinWidth(0);
            Label badge = new Label(session.status().name().toLowerCase(Locale.ROOT));
            badge.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_BOLD, session.status() == SessionStatus.RECORDING
                    ? Styles.DANGER : session.status() == SessionStatus.INTERRUPTED ? Styles.WARNING : Styles.SUCCESS);
            badge.setMinWidth(Region.USE_PREF_SIZE);
            Label detail = new Label(Formats.dateTime(session.createdAt()) + " · " + Formats.count(session.recorded())
                    + " messages" + (session.dropped() > 0 ? " · " + Formats.count(session.dropped()) + " dropped" : ""));
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            detail.setMinWidth(0);
            HBox facts = new HBox(8, badge, detail);
            facts.setAlignment(Pos.CENTER_LEFT);
            setGraphic(new VBox(2, name, facts));
            setText(null);
        }
    }
}
