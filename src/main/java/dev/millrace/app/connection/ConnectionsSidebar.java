package dev.millrace.app.connection;

import atlantafx.base.theme.Styles;
import dev.millrace.app.fx.Icons;
import dev.millrace.app.fx.ProblemDialog;
import dev.millrace.broker.BrokerAdapter;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** The connections sidebar: profiles with their state, and the actions on them. */
public final class ConnectionsSidebar extends VBox {
    private final ConnectionsViewModel viewModel;
    private final ListView<ManagedConnection> list;

    public ConnectionsSidebar(ConnectionsViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("connections-sidebar");
        setSpacing(6);
        setPadding(new Insets(8));

        Label title = new Label("Connections");
        title.getStyleClass().add(Styles.TITLE_4);
        Button add = Icons.iconButton(MaterialDesignP.PLUS, "New connection (Ctrl+Shift+N)");
        add.setId("connection-new");
        add.setOnAction(event -> createProfile());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(4, title, spacer, add);
        header.setAlignment(Pos.CENTER_LEFT);

        list = new ListView<>(viewModel.connections());
        list.setId("connections-list");
        list.setCellFactory(view -> new ConnectionCell());
        list.getSelectionModel().selectedItemProperty().addListener((observable, old, now) -> viewModel.selectedProperty().set(now));
        viewModel.selectedProperty().addListener((observable, old, now) -> list.getSelectionModel().select(now));
        list.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && selected() != null) {
                viewModel.toggle(selected());
            }
        });
        list.setPlaceholder(new Label("No connections yet."));
        // Select the first profile once they are loaded, so that its actions are at hand.
        viewModel.connections().addListener((ListChangeListener<ManagedConnection>) change -> {
            if (list.getSelectionModel().isEmpty() && !viewModel.connections().isEmpty()) {
                list.getSelectionModel().selectFirst();
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        BooleanBinding nothingSelected = list.getSelectionModel().selectedItemProperty().isNull();
        Button connect = Icons.iconButton(MaterialDesignL.LAN_CONNECT, "Connect or disconnect");
        connect.setId("connection-toggle");
        connect.disableProperty().bind(nothingSelected);
        connect.setOnAction(event -> viewModel.toggle(selected()));
        Button edit = Icons.iconButton(MaterialDesignP.PENCIL, "Edit");
        edit.setId("connection-edit");
        edit.disableProperty().bind(nothingSelected);
        edit.setOnAction(event -> editProfile(selected()));
        Button duplicate = Icons.iconButton(MaterialDesignC.CONTENT_DUPLICATE, "Duplicate");
        duplicate.disableProperty().bind(nothingSelected);
        duplicate.setOnAction(event -> viewModel.duplicate(selected()));
        Button test = Icons.iconButton(MaterialDesignT.TEST_TUBE, "Test connection");
        test.disableProperty().bind(nothingSelected);
        test.setOnAction(event -> testProfile(selected()));
        Button delete = Icons.iconButton(MaterialDesignD.DELETE_OUTLINE, "Delete");
        delete.setId("connection-delete");
        delete.disableProperty().bind(nothingSelected);
        delete.setOnAction(event -> deleteProfile(selected()));
        HBox actions = new HBox(2, connect, edit, duplicate, test, delete);
        actions.setAlignment(Pos.CENTER);

        getChildren().setAll(header, list, actions);
    }

    private ManagedConnection selected() {
        return list.getSelectionModel().getSelectedItem();
    }

    public void createProfile() {
        ProfileEditor editor = viewModel.newProfile();
        if (new ProfileDialog(getScene().getWindow(), viewModel, editor).showAndWait()) {
            viewModel.save(editor, null);
        }
    }

    private void editProfile(ManagedConnection connection) {
        ProfileEditor editor = viewModel.edit(connection);
        if (new ProfileDialog(getScene().getWindow(), viewModel, editor).showAndWait()) {
            viewModel.save(editor, connection);
        }
    }

    private void deleteProfile(ManagedConnection connection) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Delete the connection '" + connection.name() + "'? Recorded sessions stay.", ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(getScene().getWindow());
        confirm.setHeaderText("Delete connection");
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> viewModel.delete(connection));
    }

    private void testProfile(ManagedConnection connection) {
        viewModel.test(connection).thenAccept(result -> {
            if (result instanceof TestResult.Failure failure) {
                ProblemDialog.show(getScene().getWindow(), "Testing " + connection.name() + " failed", failure.problem());
            } else {
                Alert info = new Alert(Alert.AlertType.INFORMATION, result.summary());
                info.initOwner(getScene().getWindow());
                info.setHeaderText(connection.name());
                info.show();
            }
        });
    }

    /** Name, broker and state; a failed connection explains itself in the tooltip and on demand. */
    private final class ConnectionCell extends ListCell<ManagedConnection> {
        private final FontIcon dot = Icons.icon(MaterialDesignC.CIRCLE, 12);
        private final Label name = new Label();
        private final Label detail = new Label();
        private final HBox box;

        ConnectionCell() {
            name.getStyleClass().addAll(Styles.TEXT_BOLD, "cell-title");
            detail.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            VBox text = new VBox(1, name, detail);
            box = new HBox(8, dot, text);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        // The list's extractor re-runs this on every state or profile change, so no listeners are needed here.
        @Override
        protected void updateItem(ManagedConnection connection, boolean empty) {
            super.updateItem(connection, empty);
            if (empty || connection == null) {
                setGraphic(null);
                setContextMenu(null);
                setTooltip(null);
                return;
            }
            name.setText(connection.name());
            detail.setText(describe(connection));
            dot.getStyleClass().removeIf(style -> style.startsWith("state-"));
            dot.getStyleClass().add(stateStyle(connection.state()));
            setTooltip(tooltip(connection));
            setGraphic(box);
            setContextMenu(menu(connection));
        }

        private ContextMenu menu(ManagedConnection connection) {
            MenuItem toggle = new MenuItem("Connect / disconnect");
            toggle.setOnAction(event -> viewModel.toggle(connection));
            MenuItem edit = new MenuItem("Edit…");
            edit.setOnAction(event -> editProfile(connection));
            MenuItem duplicate = new MenuItem("Duplicate");
            duplicate.setOnAction(event -> viewModel.duplicate(connection));
            MenuItem test = new MenuItem("Test connection");
            test.setOnAction(event -> testProfile(connection));
            MenuItem details = new MenuItem("Show error details…");
            details.setOnAction(event -> {
                if (connection.state() instanceof ConnectionState.Failed failed) {
                    ProblemDialog.show(getScene().getWindow(), "Connecting " + connection.name() + " failed", failed.problem());
                }
            });
            MenuItem delete = new MenuItem("Delete…");
            delete.setOnAction(event -> deleteProfile(connection));
            return new ContextMenu(toggle, edit, duplicate, test, details, new SeparatorMenuItem(), delete);
        }
    }

    private static String describe(ManagedConnection connection) {
        String broker = connection.adapter().map(BrokerAdapter::displayName).orElse(connection.profile().adapterId() + " (not installed)");
        if (connection.state() instanceof ConnectionState.Failed failed) {
            return broker + " · failed: " + failed.problem().summary();
        }
        return broker + " · " + connection.state().label();
    }

    private static Tooltip tooltip(ManagedConnection connection) {
        if (connection.state() instanceof ConnectionState.Failed failed) {
            return new Tooltip(failed.problem().summary());
        }
        return new Tooltip(connection.name() + ": " + connection.state().label() + " (double-click to connect or disconnect)");
    }

    static String stateStyle(ConnectionState state) {
        return switch (state) {
            case ConnectionState.Connected connected -> "state-connected";
            case ConnectionState.Failed failed -> "state-failed";
            case ConnectionState.Connecting connecting -> "state-busy";
            case ConnectionState.Disconnecting disconnecting -> "state-busy";
            case ConnectionState.Disconnected disconnected -> "state-disconnected";
        };
    }
}
