package dev.millrace.app.browse;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.fx.Formats;
import dev.millrace.app.fx.Icons;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.app.message.MessageDetailPane;
import dev.millrace.app.message.MessageTable;
import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicInfo;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/** Browse: the topics of a connection with a search, the selected topic's details, and a peek at its latest messages. */
public final class BrowseView extends BorderPane {
    private final BrowseViewModel viewModel;
    private final TableView<TopicInfo> topics = new TableView<>();
    private final TableView<Map.Entry<String, String>> attributes = new TableView<>();
    private final TableView<TopicDetails.PartitionInfo> partitions = new TableView<>();
    private final TableView<TopicDetails.ConsumerInfo> consumers = new TableView<>();
    private final Label detailsTitle = new Label("Select a topic");

    public BrowseView(BrowseViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("browse-view");
        setTop(toolbar());
        SplitPane split = new SplitPane(topicList(), detailTabs());
        split.setDividerPositions(0.42);
        setCenter(split);
    }

    private Node toolbar() {
        ComboBox<ManagedConnection> connection = new ComboBox<>(viewModel.connected());
        connection.setId("browse-connection");
        connection.setPromptText("Connection");
        connection.valueProperty().bindBidirectional(viewModel.connectionProperty());
        CustomTextField search = new CustomTextField();
        search.setId("browse-search");
        search.setPromptText("Search topics");
        search.setLeft(Icons.icon(MaterialDesignM.MAGNIFY));
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        search.setPrefColumnCount(20);
        Button refresh = Icons.iconButton(MaterialDesignR.REFRESH, "Refresh now");
        refresh.setId("browse-refresh");
        refresh.setOnAction(event -> viewModel.refresh());
        ComboBox<RefreshInterval> interval = new ComboBox<>();
        interval.getItems().setAll(RefreshInterval.values());
        interval.valueProperty().bindBidirectional(viewModel.intervalProperty());
        Label status = new Label();
        status.setId("browse-status");
        status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        status.textProperty().bind(viewModel.statusProperty());
        Label problem = new Label();
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        problem.textProperty().bind(viewModel.problemProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, connection, search, refresh, interval, spacer, problem, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("view-toolbar");
        return bar;
    }

    private Node topicList() {
        topics.setId("browse-topics");
        topics.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        topics.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        topics.getColumns().setAll(List.of(
                textColumn("Topic", 260, TopicInfo::name),
                textColumn("Kind", 80, TopicInfo::kind),
                numberColumn("Messages", TopicInfo::messageCount, value -> value < 0 ? "–" : Formats.count(value)),
                numberColumn("Bytes", TopicInfo::bytes, Formats::bytes)));
        SortedList<TopicInfo> sorted = new SortedList<>(viewModel.visibleTopics());
        sorted.comparatorProperty().bind(topics.comparatorProperty());
        topics.setItems(sorted);
        topics.setPlaceholder(new Label("No topics."));
        topics.getSelectionModel().selectedItemProperty().addListener((observable, old, now) -> {
            if (now != null) {
                viewModel.selectedTopicProperty().set(now.name());
            }
        });
        // A refresh replaces the rows; select the same topic again.
        sorted.addListener((ListChangeListener<TopicInfo>) change -> reselect());
        return topics;
    }

    private void reselect() {
        String name = viewModel.selectedTopicProperty().get();
        if (name == null) {
            return;
        }
        TopicInfo current = topics.getSelectionModel().getSelectedItem();
        if (current != null && current.name().equals(name)) {
            return;
        }
        topics.getItems().stream().filter(info -> info.name().equals(name)).findFirst()
                .ifPresent(info -> topics.getSelectionModel().select(info));
    }

    private Node detailTabs() {
        TabPane tabs = new TabPane(new Tab("Details", details()), peekTab());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private Node details() {
        detailsTitle.setId("browse-details-title");
        detailsTitle.getStyleClass().add(Styles.TITLE_4);
        TableColumn<Map.Entry<String, String>, String> name = new TableColumn<>("Attribute");
        name.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().getKey()));
        name.setPrefWidth(200);
        TableColumn<Map.Entry<String, String>, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(
                Formats.attribute(cell.getValue().getKey(), cell.getValue().getValue())));
        value.setPrefWidth(300);
        attributes.getColumns().setAll(List.of(name, value));
        attributes.setId("browse-attributes");
        attributes.getStyleClass().add(Styles.DENSE);
        attributes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        attributes.setPlaceholder(new Label("No attributes."));

        partitions.getColumns().setAll(List.of(
                column("Partition", 90, (TopicDetails.PartitionInfo p) -> p.partition() < 0 ? "–" : String.valueOf(p.partition())),
                column("First", 120, (TopicDetails.PartitionInfo p) -> Formats.count(p.firstSequence())),
                column("Next", 120, (TopicDetails.PartitionInfo p) -> Formats.count(p.nextSequence())),
                column("Messages", 120, (TopicDetails.PartitionInfo p) -> Formats.count(p.nextSequence() - p.firstSequence()))));
        partitions.getStyleClass().add(Styles.DENSE);
        partitions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        partitions.setPlaceholder(new Label("No partitions."));

        consumers.setId("browse-consumers");
        consumers.getColumns().setAll(List.of(
                column("Consumer", 220, (TopicDetails.ConsumerInfo c) -> c.name()),
                column("Members", 90, (TopicDetails.ConsumerInfo c) -> String.valueOf(c.members())),
                column("Lag", 120, (TopicDetails.ConsumerInfo c) -> Formats.count(c.pending()))));
        consumers.getStyleClass().add(Styles.DENSE);
        consumers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        consumers.setPlaceholder(new Label("Nobody reads this topic."));

        viewModel.detailsProperty().addListener((observable, old, now) -> show(now));
        VBox box = new VBox(6, detailsTitle, section("Attributes"), attributes, section("Partitions"), partitions,
                section("Consumers and lag"), consumers);
        box.setPadding(new Insets(8));
        VBox.setVgrow(attributes, Priority.ALWAYS);
        VBox.setVgrow(consumers, Priority.ALWAYS);
        partitions.setPrefHeight(130);
        partitions.setMinHeight(100);
        return box;
    }

    private void show(TopicDetails shown) {
        if (shown == null) {
            detailsTitle.setText(viewModel.selectedTopicProperty().get() == null ? "Select a topic"
                    : viewModel.selectedTopicProperty().get());
            attributes.getItems().clear();
            partitions.getItems().clear();
            consumers.getItems().clear();
            return;
        }
        detailsTitle.setText(shown.info().name() + "  ·  " + shown.info().kind());
        attributes.getItems().setAll(shown.attributes().entrySet());
        partitions.getItems().setAll(shown.partitions());
        consumers.getItems().setAll(shown.consumers());
    }

    private Tab peekTab() {
        Spinner<Integer> count = new Spinner<>(1, 10_000, 20, 10);
        count.setEditable(true);
        count.setPrefWidth(100);
        count.valueProperty().addListener((observable, old, now) -> viewModel.peekCountProperty().set(now));
        Button peek = Icons.button("Peek latest", MaterialDesignE.EYE_OUTLINE);
        peek.setId("browse-peek");
        peek.disableProperty().bind(viewModel.peekAvailableProperty().not().or(viewModel.selectedTopicProperty().isNull()));
        peek.setOnAction(event -> viewModel.peek());
        Label note = new Label();
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        note.textProperty().bind(Bindings.when(viewModel.peekAvailableProperty())
                .then("Reads without consuming or acknowledging.")
                .otherwise("This broker cannot show messages without consuming them."));
        HBox bar = new HBox(6, new Label("Latest"), count, peek, note);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        TableView<CapturedMessage> table = MessageTable.create(viewModel.peeked(), true);
        table.setId("browse-peek-table");
        table.getSelectionModel().selectedItemProperty().addListener((observable, old, now) -> viewModel.selectedMessageProperty().set(now));
        SplitPane split = new SplitPane(table, new MessageDetailPane(viewModel.selectedMessageProperty(), null));
        split.setOrientation(Orientation.VERTICAL);
        VBox box = new VBox(bar, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        Tab tab = new Tab("Peek", box);
        tab.setId("browse-peek-tab");
        return tab;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.TEXT_SMALL);
        return label;
    }

    private static TableColumn<TopicInfo, String> textColumn(String title, double width, Function<TopicInfo, String> value) {
        return column(title, width, value);
    }

    /** A column that sorts by the number and shows it formatted. */
    private static TableColumn<TopicInfo, Long> numberColumn(String title, ToLongFunction<TopicInfo> value,
                                                             LongFunction<String> format) {
        TableColumn<TopicInfo, Long> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.applyAsLong(cell.getValue())));
        column.setCellFactory(ignored -> new TableCell<>() {
            @Override
            protected void updateItem(Long number, boolean empty) {
                super.updateItem(number, empty);
                setText(empty || number == null ? null : format.apply(number));
            }
        });
        column.setPrefWidth(100);
        column.getStyleClass().add("numeric");
        return column;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
