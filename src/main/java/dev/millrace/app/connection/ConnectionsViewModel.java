package dev.millrace.app.connection;

import dev.millrace.broker.BrokerAdapter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/** The sidebar's state and actions: which profile is selected and what can be done with it. */
public final class ConnectionsViewModel {
    private final ConnectionManager manager;
    private final List<BrokerAdapter> adapters;
    private final ObjectProperty<ManagedConnection> selected = new SimpleObjectProperty<>();

    public ConnectionsViewModel(ConnectionManager manager, List<BrokerAdapter> adapters) {
        this.manager = manager;
        this.adapters = List.copyOf(adapters);
    }

    public ObservableList<ManagedConnection> connections() {
        return manager.connections();
    }

    public ObjectProperty<ManagedConnection> selectedProperty() {
        return selected;
    }

    public ProfileEditor newProfile() {
        return new ProfileEditor(adapters, null, manager::nameTaken);
    }

    public ProfileEditor edit(ManagedConnection connection) {
        return new ProfileEditor(adapters, connection.profile(), manager::nameTaken);
    }

    /** Saves a new or edited profile and selects it. */
    public ManagedConnection save(ProfileEditor editor, ManagedConnection existing) {
        ConnectionProfile profile = editor.toProfile();
        ManagedConnection saved;
        if (existing == null) {
            saved = manager.add(profile);
        } else {
            manager.update(existing, profile);
            saved = existing;
        }
        selected.set(saved);
        return saved;
    }

    public void duplicate(ManagedConnection connection) {
        selected.set(manager.duplicate(connection));
    }

    public CompletableFuture<Void> delete(ManagedConnection connection) {
        return manager.remove(connection);
    }

    /** Connects a disconnected (or failed) profile, disconnects a connected one; busy ones are left alone. */
    public void toggle(ManagedConnection connection) {
        switch (connection.state()) {
            case ConnectionState.Connected connected -> manager.disconnect(connection);
            case ConnectionState.Disconnected disconnected -> connect(connection);
            case ConnectionState.Failed failed -> connect(connection);
            case ConnectionState.Connecting connecting -> {
            }
            case ConnectionState.Disconnecting disconnecting -> {
            }
        }
    }

    private void connect(ManagedConnection connection) {
        // The failure is shown as the profile's state; nothing else to do with it here.
        manager.connect(connection).exceptionally(failure -> null);
    }

    public CompletableFuture<TestResult> test(ProfileEditor editor) {
        return manager.test(editor.toProfile());
    }

    public CompletableFuture<TestResult> test(ManagedConnection connection) {
        return manager.test(connection.profile());
    }
}
