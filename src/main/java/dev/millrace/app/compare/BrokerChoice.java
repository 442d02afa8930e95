package dev.millrace.app.compare;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.compare.BrokerTarget;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * A connection profile the workbench knows, offered as a column of the next comparison. The comparison opens
 * connections of its own from the profile's options, so a profile need not be connected to be compared.
 */
public final class BrokerChoice {
    private final ManagedConnection connection;
    private final BooleanProperty selected = new SimpleBooleanProperty();

    BrokerChoice(ManagedConnection connection) {
        this.connection = connection;
    }

    public ManagedConnection connection() {
        return connection;
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    public String name() {
        return connection.name();
    }

    /** The column for this profile under {@code label}, with the profile's options (secrets are masked in results). */
    BrokerTarget target(String label) {
        return new BrokerTarget(label, connection.profile().adapterId(), connection.profile().options());
    }

    /**
     * A column label made from the profile's name: what {@link BrokerTarget} admits (letters, digits, '-', '_'),
     * other characters folded into '-'.
     */
    String baseLabel() {
        String label = name().trim().replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^[-_]+|-+$", "");
        return label.isEmpty() ? connection.profile().adapterId() : label;
    }

    @Override
    public String toString() {
        return name();
    }
}
