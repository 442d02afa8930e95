package dev.millrace.app.connection;

import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionValues;
import dev.millrace.message.ConnectionException;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One generated form field: an adapter's option description and the value typed for it, checked as it changes. */
public final class OptionField {
    private final OptionSpec spec;
    private final StringProperty value = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    OptionField(OptionSpec spec, String initial) {
        this.spec = spec;
        value.addListener((observable, old, now) -> problem.set(check()));
        value.set(initial == null ? "" : initial);
        problem.set(check());
    }

    public OptionSpec spec() {
        return spec;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public String value() {
        return value.get();
    }

    /** What is wrong with the value, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    private String check() {
        try {
            String current = value.get();
            OptionValues.parse(List.of(spec), current == null || current.isBlank() ? Map.of() : Map.of(spec.name(), current));
            return "";
        } catch (ConnectionException e) {
            String message = e.getMessage();
            String prefix = "invalid connection options: ";
            return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        }
    }
}
