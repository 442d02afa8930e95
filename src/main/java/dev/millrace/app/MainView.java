package dev.millrace.app;

import atlantafx.base.theme.Styles;
import dev.millrace.app.browse.BrowseView;
import dev.millrace.app.browse.BrowseViewModel;
import dev.millrace.app.compare.CompareView;
import dev.millrace.app.compare.CompareViewModel;
import dev.millrace.app.connection.ConnectionsSidebar;
import dev.millrace.app.connection.ConnectionsViewModel;
import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.flow.CorrelationIndex;
import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.FilePicker;
import dev.millrace.app.fx.Icons;
import dev.millrace.app.fx.Problem;
import dev.millrace.app.fx.ProblemDialog;
import dev.millrace.app.fx.Theme;
import dev.millrace.app.live.LiveView;
import dev.millrace.app.live.LiveViewModel;
import dev.millrace.app.live.LiveViews;
import dev.millrace.app.live.NewLiveViewDialog;
import dev.millrace.app.publish.PublishView;
import dev.millrace.app.publish.PublishViewModel;
import dev.millrace.app.sessions.RecordingUi;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.event.Event;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/**
 * The main window's content: toolbar, connections sidebar, tabs (start page, live views, browse, publish, sessions)
 * and the status bar. Keyboard shortcuts are installed from {@link Shortcut#ALL}.
 */
public final class MainView extends BorderPane {

    /** The parts the main view is assembled from. */
    public record Parts(MainViewModel main, ConnectionsViewModel connections, ObservableList<ManagedConnection> connected,
                        LiveViews liveViews, BrowseViewModel browse, PublishViewModel publish, RecordingUi recording,
                        CorrelationIndex index, Background background, FilePicker files, CompareViewModel compare) {
    }

    private enum Fixed { START, BROWSE, PUBLISH, SESSIONS, COMPARE }

    private final Parts parts;
    private final TabPane tabs = new TabPane();
    private final Map<Fixed, Tab> fixedTabs = new EnumMap<>(Fixed.class);
    private final ConnectionsSidebar sidebar;
    private final SplitPane split;
    private BrowseView browseView;
    private PublishView publishView;

    public MainView(Parts parts) {
        this.parts = parts;
        getStyleClass().add("main-view");
        sidebar = new ConnectionsSidebar(parts.connections());
        tabs.setId("main-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        split = new SplitPane(sidebar, tabs);
        split.setDividerPositions(0.2);
        SplitPane.setResizableWithParent(sidebar, false);
        setTop(toolbar());
        setCenter(split);
        setBottom(statusBar());
        showStart();
    }

    private Node toolbar() {
        Button demo = Icons.button("Run demo flow", MaterialDesignP.PLAY);
        demo.setId("run-demo");
        demo.getStyleClass().add(Styles.ACCENT);
        demo.textProperty().bind(Bindings.when(parts.main().demo().runningProperty())
                .then("Stop demo").otherwise("Run demo flow"));
        demo.graphicProperty().bind(Bindings.when(parts.main().demo().runningProperty())
                .then((Node) Icons.icon(MaterialDesignS.STOP)).otherwise((Node) Icons.icon(MaterialDesignP.PLAY)));
        demo.disableProperty().bind(Bindings.isEmpty(parts.connected()));
        demo.setOnAction(event -> toggleDemo());
        Icons.tooltip(demo, "Run the talk's demo flow on the chosen connection (" + keys(Shortcut.Action.RUN_DEMO) + ")");
        ComboBox<ManagedConnection> on = new ComboBox<>(parts.connected());
        on.setId("demo-connection");
        on.valueProperty().bindBidirectional(parts.main().demoConnectionProperty());
        on.disableProperty().bind(parts.main().demo().runningProperty());
        on.setPromptText("connection");

        Button watch = toolButton("Watch", MaterialDesignP.PULSE, Shortcut.Action.WATCH_TOPICS, this::watchTopics);
        watch.setId("watch-topics");
        Button publish = toolButton("Publish", MaterialDesignS.SEND, Shortcut.Action.PUBLISH, this::showPublish);
        publish.setId("open-publish");
        Button browse = toolButton("Browse", MaterialDesignD.DATABASE_SEARCH, Shortcut.Action.BROWSE, this::showBrowse);
        browse.setId("open-browse");
        Button sessions = toolButton("Sessions", MaterialDesignD.DATABASE_EXPORT, Shortcut.Action.SESSIONS, this::showSessions);
        sessions.setId("open-sessions");
        Button compare = toolButton("Compare", MaterialDesignS.SCALE_BALANCE, Shortcut.Action.COMPARE, this::showCompare);
        compare.setId("open-compare");

        Button theme = Icons.iconButton(MaterialDesignW.WEATHER_NIGHT, "Light or dark (" + keys(Shortcut.Action.TOGGLE_THEME) + ")");
        theme.setId("toggle-theme");
        theme.graphicProperty().bind(Bindings.when(parts.main().themeProperty().isEqualTo(Theme.DARK))
                .then((Node) Icons.icon(MaterialDesignW.WHITE_BALANCE_SUNNY))
                .otherwise((Node) Icons.icon(MaterialDesignW.WEATHER_NIGHT)));
        theme.setOnAction(event -> toggleTheme());
        Button help = Icons.iconButton(MaterialDesignH.HELP_CIRCLE_OUTLINE, "Keyboard shortcuts (F1)");
        help.setOnAction(event -> showHelp());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // An HBox rather than a ToolBar: AtlantaFX flattens buttons in tool bars, which hides the accent button.
        HBox bar = new HBox(6, demo, new Label("on"), on, new Separator(Orientation.VERTICAL), watch, publish, browse,
                sessions, compare, spacer, theme, help);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    private Button toolButton(String text, Ikon ikon, Shortcut.Action action, Runnable onAction) {
        Button button = Icons.button(text, ikon);
        button.getStyleClass().add(Styles.FLAT);
        Icons.tooltip(button, action.description() + " (" + keys(action) + ")");
        button.setOnAction(event -> onAction.run());
        return button;
    }

    private Node statusBar() {
        Label connections = new Label();
        connections.setId("status-connections");
        connections.textProperty().bind(parts.main().connectionStatusProperty());
        Label activity = new Label();
        activity.setId("status-activity");
        activity.textProperty().bind(parts.main().activityStatusProperty());
        Label recording = new Label();
        recording.setId("status-recording");
        recording.getStyleClass().add(Styles.DANGER);
        recording.textProperty().bind(parts.recording().statusProperty());
        Label live = new Label();
        live.setId("status-live");
        live.textProperty().bind(parts.main().liveStatusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(18, connections, activity, recording, spacer, live);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    /** Installs the keyboard shortcuts on the window's scene. */
    public void installShortcuts(Scene scene) {
        Map<Shortcut.Action, Runnable> actions = new EnumMap<>(Shortcut.Action.class);
        actions.put(Shortcut.Action.RUN_DEMO, this::toggleDemo);
        actions.put(Shortcut.Action.WATCH_TOPICS, this::watchTopics);
        actions.put(Shortcut.Action.PUBLISH, this::showPublish);
        actions.put(Shortcut.Action.BROWSE, this::showBrowse);
        actions.put(Shortcut.Action.SESSIONS, this::showSessions);
        actions.put(Shortcut.Action.COMPARE, this::showCompare);
        actions.put(Shortcut.Action.NEW_CONNECTION, sidebar::createProfile);
        actions.put(Shortcut.Action.RECORD, () -> currentLive().ifPresent(view -> parts.recording().toggleRecording(view.viewModel())));
        actions.put(Shortcut.Action.PAUSE, () -> currentLive().ifPresent(view ->
                view.viewModel().pausedProperty().set(!view.viewModel().pausedProperty().get())));
        actions.put(Shortcut.Action.FILTER, () -> currentLive().ifPresent(LiveView::focusFilter));
        actions.put(Shortcut.Action.COPY_JSON, () -> currentLive().ifPresent(LiveView::copySelectedAsJson));
        actions.put(Shortcut.Action.SHOW_FLOW, () -> currentLive().ifPresent(LiveView::showFlow));
        actions.put(Shortcut.Action.TOGGLE_THEME, this::toggleTheme);
        actions.put(Shortcut.Action.CLOSE_TAB, this::closeCurrentTab);
        actions.put(Shortcut.Action.HELP, this::showHelp);
        for (Shortcut shortcut : Shortcut.ALL) {
            scene.getAccelerators().put(shortcut.combination(), actions.get(shortcut.action()));
        }
    }

    public void toggleDemo() {
        if (parts.main().demo().runningProperty().get()) {
            parts.main().stopDemo();
            return;
        }
        parts.main().runDemo().whenComplete((live, failure) -> {
            if (failure != null) {
                ProblemDialog.show(getScene().getWindow(), "The demo flow could not start", Problem.of(failure));
            } else {
                addLiveTab(live, "Demo flow");
            }
        });
    }

    public void watchTopics() {
        if (parts.connected().isEmpty()) {
            ProblemDialog.show(getScene().getWindow(), "Nothing to watch yet",
                    Problem.of("No connection is open. Connect one in the sidebar first."));
            return;
        }
        new NewLiveViewDialog(getScene().getWindow(), parts.connected(), parts.connections().selectedProperty().get(),
                parts.background()).showAndWait().ifPresent(choice -> watch(choice.connection(), choice.topics()));
    }

    /** Opens a live view of {@code topics} on {@code connection} in a new tab. */
    public void watch(ManagedConnection connection, List<String> topics) {
        parts.liveViews().open(connection, topics).whenComplete((live, failure) -> {
            if (failure != null) {
                ProblemDialog.show(getScene().getWindow(), "Could not subscribe", Problem.of(failure));
            } else {
                addLiveTab(live, null);
            }
        });
    }

    /** Adds a tab for a running live view; closing the tab ends its subscriptions. */
    public Tab addLiveTab(LiveViewModel live, String title) {
        LiveView view = new LiveView(live, parts.index(), parts.recording().liveControls(live));
        Tab tab = new Tab(title == null ? live.title() : title, view);
        tab.setGraphic(Icons.icon(MaterialDesignP.PULSE));
        tab.setTooltip(new Tooltip(live.title()));
        tab.setOnClosed(event -> {
            parts.recording().liveClosed(live);
            parts.liveViews().close(live);
        });
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        return tab;
    }

    public void showStart() {
        showFixed(Fixed.START, "Start", MaterialDesignH.HOME_OUTLINE, () -> new StartView(parts.main(), parts.connected(),
                new StartView.Actions(this::toggleDemo, this::watchTopics, this::showPublish, this::showBrowse,
                        sidebar::createProfile, this::showSessions, this::showCompare)));
    }

    public void showBrowse() {
        showFixed(Fixed.BROWSE, "Browse", MaterialDesignD.DATABASE_SEARCH, () -> {
            browseView = new BrowseView(parts.browse());
            if (parts.browse().connectionProperty().get() == null && !parts.connected().isEmpty()) {
                parts.browse().connectionProperty().set(parts.connected().getFirst());
            }
            return browseView;
        });
    }

    public void showPublish() {
        showFixed(Fixed.PUBLISH, "Publish", MaterialDesignS.SEND, () -> {
            publishView = new PublishView(parts.publish(), parts.files());
            if (parts.publish().connectionProperty().get() == null && !parts.connected().isEmpty()) {
                parts.publish().connectionProperty().set(parts.connected().getFirst());
            }
            return publishView;
        });
    }

    public void showSessions() {
        showFixed(Fixed.SESSIONS, "Sessions", MaterialDesignD.DATABASE_EXPORT, parts.recording()::sessionsView);
    }

    public void showCompare() {
        showFixed(Fixed.COMPARE, "Compare", MaterialDesignS.SCALE_BALANCE,
                () -> new CompareView(parts.compare(), parts.files()));
    }

    private void showFixed(Fixed which, String title, Ikon ikon, Supplier<Node> content) {
        Tab tab = fixedTabs.get(which);
        if (tab == null) {
            tab = new Tab(title, content.get());
            tab.setId("tab-" + which.name().toLowerCase(Locale.ROOT));
            tab.setGraphic(Icons.icon(ikon));
            tab.setOnClosed(event -> fixedTabs.remove(which));
            fixedTabs.put(which, tab);
        }
        if (!tabs.getTabs().contains(tab)) {
            tabs.getTabs().add(which == Fixed.START ? 0 : tabs.getTabs().size(), tab);
        }
        tabs.getSelectionModel().select(tab);
    }

    private Optional<LiveView> currentLive() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        return selected != null && selected.getContent() instanceof LiveView live
                ? Optional.of(live) : Optional.empty();
    }

    private void closeCurrentTab() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (selected != null && selected.isClosable()) {
            tabs.getTabs().remove(selected);
            Event.fireEvent(selected, new Event(Tab.CLOSED_EVENT));
        }
    }

    private void toggleTheme() {
        Theme next = parts.main().themeProperty().get().toggled();
        parts.main().themeProperty().set(next);
    }

    private void showHelp() {
        helpDialog().show();
    }

    /** The keyboard shortcuts dialog, not yet shown. */
    public Alert helpDialog() {
        return HelpDialog.create(getScene().getWindow());
    }

    public TabPane tabs() {
        return tabs;
    }

    public SplitPane split() {
        return split;
    }

    private static String keys(Shortcut.Action action) {
        return Shortcut.of(action).displayText();
    }
}
