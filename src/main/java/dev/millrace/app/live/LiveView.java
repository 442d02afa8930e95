package dev.millrace.app.live;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import dev.millrace.app.flow.CorrelationIndex;
import dev.millrace.app.flow.FlowSource;
import dev.millrace.app.flow.FlowView;
import dev.millrace.app.fx.Formats;
import dev.millrace.app.fx.Icons;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.app.message.MessageDetailPane;
import dev.millrace.app.message.MessageTable;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * A live view: toolbar (pause, follow, clear, record, filter, counters), the message table, and below it the
 * selected message's details with its correlated flow next to the per-topic rates.
 */
public final class LiveView extends BorderPane {
    private static final double COUNTERS_WIDTH = 380;
    private static final double DROPPED_WIDTH = 200;
    private final LiveViewModel viewModel;
    private final TableView<CapturedMessage> table;
    private final CustomTextField filter = new CustomTextField();
    private final MessageDetailPane detail;
    private final FlowView flow;

    /** @param toolbarExtras controls other features add to the toolbar (the record button) */
    public LiveView(LiveViewModel viewModel, CorrelationIndex index, List<Node> toolbarExtras) {
        this.viewModel = viewModel;
        getStyleClass().add("live-view");
        table = MessageTable.create(viewModel.rows(), false);
        table.setId("live-table");
        table.setPlaceholder(new Label("Waiting for messages on " + String.join(", ", viewModel.feed().topics()) + "…"));
        table.getSelectionModel().selectedItemProperty().addListener((observable, old, now) -> {
            // A row that scrolls out clears the table's selection; the detail pane keeps the message.
            if (now != null) {
                viewModel.selectedProperty().set(now);
            }
        });
        table.setOnMousePressed(event -> viewModel.followProperty().set(false));
        viewModel.appendedBatchesProperty().addListener((observable, old, now) -> {
            if (viewModel.followProperty().get() && !viewModel.rows().isEmpty()) {
                table.scrollTo(viewModel.rows().size() - 1);
            }
            // Lay the rows out now, before the pulse's CSS pass, rather than in its layout pass: cells that get new
            // indices request CSS while laid out, and CSS requested after the CSS pass leaves the scene marked for
            // the next pulse, which then repaints the whole window (a full frame on the software renderer).
            if (table.getScene() != null) {
                table.layout();
            }
        });

        flow = new FlowView(FlowSource.live(index));
        flow.correlationIdProperty().bind(Bindings.createStringBinding(
                () -> viewModel.selectedProperty().get() == null ? null : viewModel.selectedProperty().get().correlationId(),
                viewModel.selectedProperty()));
        detail = new MessageDetailPane(viewModel.selectedProperty(), flow);
        RatesPane rates = new RatesPane(viewModel.rates());

        SplitPane bottom = new SplitPane(detail, rates);
        bottom.setDividerPositions(0.64);
        SplitPane.setResizableWithParent(rates, false);
        VBox tableWithFooter = new VBox(table, footer());
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane center = new SplitPane(tableWithFooter, bottom);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.55);
        setTop(toolbar(toolbarExtras));
        setCenter(center);
    }

    private Node toolbar(List<Node> extras) {
        ToggleButton pause = new ToggleButton(null, Icons.icon(MaterialDesignP.PAUSE));
        pause.setId("live-pause");
        pause.selectedProperty().bindBidirectional(viewModel.pausedProperty());
        pause.graphicProperty().bind(Bindings.when(pause.selectedProperty())
                .then((Node) Icons.icon(MaterialDesignP.PLAY)).otherwise((Node) Icons.icon(MaterialDesignP.PAUSE)));
        pause.textProperty().bind(Bindings.when(pause.selectedProperty()).then("Resume").otherwise("Pause"));
        Icons.tooltip(pause, "Pause the view; messages keep arriving and wait (Ctrl+Space)");

        ToggleButton follow = new ToggleButton("Follow", Icons.icon(MaterialDesignC.CHEVRON_DOUBLE_DOWN));
        follow.setId("live-follow");
        follow.selectedProperty().bindBidirectional(viewModel.followProperty());
        Icons.tooltip(follow, "Keep the newest message in view");

        Button clear = Icons.iconButton(MaterialDesignD.DELETE_SWEEP, "Clear the table");
        clear.setId("live-clear");
        clear.setOnAction(event -> viewModel.clear());

        ComboBox<MessageFilter.Mode> mode = new ComboBox<>();
        mode.getItems().setAll(MessageFilter.Mode.values());
        mode.setId("live-filter-mode");
        mode.valueProperty().bindBidirectional(viewModel.filterModeProperty());
        filter.setId("live-filter");
        filter.setLeft(Icons.icon(MaterialDesignF.FILTER_VARIANT));
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(viewModel.filterTextProperty());
        filter.promptTextProperty().bind(Bindings.createStringBinding(() -> switch (viewModel.filterModeProperty().get()) {
            case TEXT -> "text in topic, key, headers or payload";
            case REGEX -> "regular expression";
            case HEADER -> "name, name=value or name~regex";
            case JSON_PATH -> "$.user.id or $[?(@.type == 'order')]";
        }, viewModel.filterModeProperty()));
        filter.setOnAction(event -> viewModel.applyFilter());
        Label filterProblem = new Label();
        filterProblem.setId("live-filter-problem");
        filterProblem.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        filterProblem.textProperty().bind(viewModel.filterProblemProperty());
        filterProblem.setGraphic(Icons.icon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        filterProblem.visibleProperty().bind(viewModel.filterProblemProperty().isNotEmpty());
        filterProblem.managedProperty().bind(filterProblem.visibleProperty());
        filter.pseudoClassStateChanged(Styles.STATE_DANGER, false);
        viewModel.filterProblemProperty().addListener((observable, old, now) ->
                filter.pseudoClassStateChanged(Styles.STATE_DANGER, !now.isEmpty()));

        HBox bar = new HBox(6);
        bar.getChildren().addAll(pause, follow, clear);
        bar.getChildren().addAll(extras);
        bar.getChildren().addAll(new Separator(Orientation.VERTICAL), mode, filter, filterProblem);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("view-toolbar");
        // Buttons keep their labels; the filter field gives way when the window is narrow.
        bar.getChildren().stream().filter(node -> node != filter && node instanceof Region)
                .forEach(node -> ((Region) node).setMinWidth(Region.USE_PREF_SIZE));
        HBox.setHgrow(filter, Priority.SOMETIMES);
        filter.setMinWidth(160);

        return bar;
    }

    /** Under the table: what was shown, received, filtered out and dropped, and why a subscription fails. */
    private HBox footer() {
        Label counters = new Label();
        counters.setId("live-counters");
        counters.getStyleClass().add(Styles.TEXT_SMALL);
        counters.textProperty().bind(Bindings.createStringBinding(() -> Formats.count(viewModel.shownProperty().get())
                        + " shown · " + Formats.count(viewModel.receivedProperty().get()) + " received · "
                        + Formats.count(viewModel.filteredOutProperty().get()) + " filtered out",
                viewModel.shownProperty(), viewModel.receivedProperty(), viewModel.filteredOutProperty()));
        Label dropped = new Label();
        dropped.setId("live-dropped");
        dropped.textProperty().bind(Bindings.createStringBinding(
                () -> Formats.count(viewModel.droppedProperty().get()) + " dropped from view", viewModel.droppedProperty()));
        dropped.getStyleClass().add(Styles.TEXT_SMALL);
        viewModel.droppedProperty().addListener((observable, old, now) ->
                dropped.pseudoClassStateChanged(Styles.STATE_WARNING, now.longValue() > 0));
        dropped.setTooltip(new Tooltip("Messages that arrived faster than the view can show; "
                + "a recording has its own subscription and is not affected."));
        Label held = new Label();
        held.setId("live-held");
        held.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        held.textProperty().bind(Bindings.createStringBinding(
                () -> Formats.count(viewModel.heldProperty().get()) + " waiting", viewModel.heldProperty()));
        held.visibleProperty().bind(viewModel.pausedProperty());
        held.managedProperty().bind(held.visibleProperty());
        Label feedProblem = new Label();
        feedProblem.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        feedProblem.textProperty().bind(viewModel.feedProblemProperty());
        feedProblem.visibleProperty().bind(viewModel.feedProblemProperty().isNotEmpty());
        feedProblem.managedProperty().bind(feedProblem.visibleProperty());

        // Fixed widths: a counter's new text then repaints the label alone instead of moving its neighbours.
        counters.setPrefWidth(COUNTERS_WIDTH);
        counters.setMinWidth(Region.USE_PREF_SIZE);
        dropped.setPrefWidth(DROPPED_WIDTH);
        dropped.setMinWidth(Region.USE_PREF_SIZE);
        dropped.setAlignment(Pos.CENTER_RIGHT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox footer = new HBox(14, counters, held, feedProblem, spacer, dropped);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.getStyleClass().add("view-footer");
        return footer;
    }

    public LiveViewModel viewModel() {
        return viewModel;
    }

    public void focusFilter() {
        filter.requestFocus();
    }

    public void copySelectedAsJson() {
        detail.copyAsJson();
    }

    public void showFlow() {
        flow.refresh();
        detail.showFlow();
    }
}
