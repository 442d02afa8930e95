package dev.millrace.app.connection;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The view model of the connection form. Its fields are generated from the chosen adapter's option descriptions;
 * switching adapters keeps the values of options both adapters have.
 */
public final class ProfileEditor {
    private final ConnectionProfile original;
    private final Predicate<String> nameTaken;
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<BrokerAdapter> adapter = new SimpleObjectProperty<>();
    private final BooleanProperty connectOnStart = new SimpleBooleanProperty(false);
    private final ObservableList<OptionField> fields = FXCollections.observableArrayList();
    private final ObservableList<BrokerAdapter> adapters;

    /**
     * @param original  the profile being edited, or {@code null} for a new one
     * @param nameTaken whether another profile already has a name
     */
    public ProfileEditor(List<BrokerAdapter> adapters, ConnectionProfile original, Predicate<String> nameTaken) {
        this.adapters = FXCollections.observableArrayList(adapters);
        this.original = original;
        this.nameTaken = nameTaken;
        adapter.addListener((observable, old, now) -> rebuildFields(now));
        if (original != null) {
            name.set(original.name());
            connectOnStart.set(original.connectOnStart());
            adapters.stream().filter(a -> a.id().equals(original.adapterId())).findFirst().ifPresent(found -> {
                adapter.set(found);
                fields.forEach(field -> field.valueProperty().set(original.options().getOrDefault(field.spec().name(), "")));
            });
        } else if (!adapters.isEmpty()) {
            adapter.set(adapters.getFirst());
        }
    }

    private void rebuildFields(BrokerAdapter chosen) {
        Map<String, String> kept = new HashMap<>();
        fields.forEach(field -> kept.put(field.spec().name(), field.value()));
        List<OptionField> generated = new ArrayList<>();
        if (chosen != null) {
            for (OptionSpec spec : chosen.options()) {
                String initial = kept.get(spec.name());
                if (initial == null && spec.type() == OptionType.BOOLEAN && spec.defaultValue() != null) {
                    initial = spec.defaultValue();
                }
                generated.add(new OptionField(spec, initial));
            }
        }
        fields.setAll(generated);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<BrokerAdapter> adapterProperty() {
        return adapter;
    }

    public BooleanProperty connectOnStartProperty() {
        return connectOnStart;
    }

    public ObservableList<OptionField> fields() {
        return fields;
    }

    public ObservableList<BrokerAdapter> adapters() {
        return adapters;
    }

    public boolean isNew() {
        return original == null;
    }

    /** Every problem that stops saving, in words; empty when the profile can be saved. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        String trimmed = name.get() == null ? "" : name.get().trim();
        if (trimmed.isEmpty()) {
            problems.add("Give the connection a name.");
        } else if ((original == null || !original.name().equalsIgnoreCase(trimmed)) && nameTaken.test(trimmed)) {
            problems.add("Another connection is already called '" + trimmed + "'.");
        }
        if (adapter.get() == null) {
            problems.add("Choose a broker.");
        }
        fields.stream().map(field -> field.problemProperty().get()).filter(problem -> !problem.isEmpty())
                .forEach(problems::add);
        return problems;
    }

    /** The option values that were set; blank fields fall back to the adapter's defaults. */
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        fields.forEach(field -> {
            if (field.value() != null && !field.value().isBlank()) {
                options.put(field.spec().name(), field.value().trim());
            }
        });
        return options;
    }

    /** The profile as edited; keeps the original's id when editing. */
    public ConnectionProfile toProfile() {
        String adapterId = adapter.get() == null ? "" : adapter.get().id();
        String trimmed = name.get() == null ? "" : name.get().trim();
        return original == null
                ? ConnectionProfile.create(trimmed, adapterId, options(), connectOnStart.get())
                : new ConnectionProfile(original.id(), trimmed, adapterId, options(), connectOnStart.get());
    }
}
