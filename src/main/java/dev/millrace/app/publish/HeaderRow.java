package dev.millrace.app.publish;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable row of the composer's header table. */
public final class HeaderRow {
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty value = new SimpleStringProperty("");

    public HeaderRow(String name, String value) {
        this.name.set(name);
        this.value.set(value);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty valueProperty() {
        return value;
    }
}
