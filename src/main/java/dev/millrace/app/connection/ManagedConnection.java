package dev.millrace.app.connection;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/** One profile in the sidebar and its live connection state. Properties change on the FX thread only. */
public final class ManagedConnection {
    private final ObjectProperty<ConnectionProfile> profile;
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.DISCONNECTED);

    ManagedConnection(ConnectionProfile profile) {
        this.profile = new SimpleObjectProperty<>(profile);
    }

    public ConnectionProfile profile() {
        return profile.get();
    }

    public ObjectProperty<ConnectionProfile> profileProperty() {
        return profile;
    }

    public String name() {
        return profile.get().name();
    }

    /** The adapter of this profile, if it is on the class path. */
    public Optional<BrokerAdapter> adapter() {
        return Brokers.find(profile.get().adapterId());
    }

    public ConnectionState state() {
        return state.get();
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    void setState(ConnectionState newState) {
        state.set(newState);
    }

    public boolean isConnected() {
        return state.get() instanceof ConnectionState.Connected;
    }

    /** The open connection, when connected. */
    public Optional<BrokerConnection> connection() {
        return state.get() instanceof ConnectionState.Connected connected
                ? Optional.of(connected.connection())
                : Optional.empty();
    }

    @Override
    public String toString() {
        return name();
    }
}
