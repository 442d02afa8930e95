package dev.millrace.app.publish;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Fx;
import dev.millrace.app.fx.Problem;
import dev.millrace.app.message.Payloads;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Feature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The composer's state: destination, key, headers, payload in one of four modes with live validation, repeat count
 * and rate; plus saved templates and the send history. Sending runs in the background with progress and cancel.
 */
public final class PublishViewModel {
    private static final int HISTORY_LIMIT = 200;

    private final ObservableList<ManagedConnection> connected;
    private final PublishService service;
    private final TemplateStore templateStore;
    private final Background background;
    private final ObjectProperty<ManagedConnection> connection = new SimpleObjectProperty<>();
    private final StringProperty topic = new SimpleStringProperty("");
    private final StringProperty key = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper keysSupported = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<HeaderRow> headers = FXCollections.observableArrayList(
            row -> new Observable[] {row.nameProperty(), row.valueProperty()});
    private final ObjectProperty<PayloadMode> mode = new SimpleObjectProperty<>(PayloadMode.TEXT);
    private final StringProperty payload = new SimpleStringProperty("");
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final LongProperty count = new SimpleLongProperty(1);
    private final DoubleProperty rate = new SimpleDoubleProperty(0);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper sending = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ObservableList<SendResult> history = FXCollections.observableArrayList();
    private final ObservableList<PublishTemplate> templates = FXCollections.observableArrayList();
    private final Timeline progressPoll = new Timeline();
    private AtomicBoolean cancel = new AtomicBoolean();

    public PublishViewModel(ObservableList<ManagedConnection> connected, PublishService service,
                            TemplateStore templateStore, Background background) {
        this.connected = connected;
        this.service = service;
        this.templateStore = templateStore;
        this.background = background;
        connection.addListener((observable, old, now) -> keysSupported.set(now != null
                && now.connection().map(open -> open.capabilities().has(Feature.KEYS)).orElse(false)));
        for (Observable input : List.of(topic, key, headers, mode, payload, file, count, rate, connection)) {
            input.addListener(observable -> problem.set(check()));
        }
        problem.set(check());
        background.call(templateStore::load).thenAcceptAsync(templates::setAll, Fx.thread());
    }

    /** What stops a send, in words; empty when it can go. */
    private String check() {
        if (connection.get() == null) {
            return "Choose a connection.";
        }
        if (topic.get() == null || topic.get().isBlank()) {
            return "Enter a topic.";
        }
        if (count.get() < 1) {
            return "Send at least one message.";
        }
        for (String text : texts()) {
            List<String> unknown = TemplateVariables.unknown(text);
            if (!unknown.isEmpty()) {
                return "Unknown variable {{" + unknown.getFirst() + "}}; use {{uuid}}, {{seq}}, {{now}} or {{random}}.";
            }
        }
        try {
            switch (mode.get()) {
                case JSON -> MessageFactory.checkJson(TemplateVariables.render(payload.get(), 1), 1);
                case HEX -> MessageFactory.parseHex(payload.get());
                case FILE -> {
                    if (file.get() == null) {
                        return "Choose a payload file.";
                    }
                }
                case TEXT -> {
                }
            }
        } catch (IllegalArgumentException e) {
            return Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1) + ".";
        }
        return "";
    }

    private List<String> texts() {
        List<String> texts = new ArrayList<>();
        texts.add(key.get());
        headers.forEach(row -> texts.add(row.valueProperty().get()));
        if (mode.get() == PayloadMode.TEXT || mode.get() == PayloadMode.JSON) {
            texts.add(payload.get());
        }
        return texts;
    }

    /** Re-indents the JSON payload, template variables included; leaves it alone (and says why) when it is not JSON. */
    public void prettyPrint() {
        try {
            payload.set(JsonTemplates.pretty(payload.get()));
        } catch (IllegalArgumentException e) {
            problem.set("Cannot format: " + e.getMessage() + ".");
        }
    }

    /** Loads a file as the payload; text files up to 1 MiB go into the editor, anything else is sent as is. */
    public CompletableFuture<Void> loadFile(Path chosen) {
        return background.call(() -> {
            long size = Files.size(chosen);
            if (size <= 1 << 20) {
                byte[] bytes = Files.readAllBytes(chosen);
                if (Payloads.isText(bytes)) {
                    return new String(bytes, StandardCharsets.UTF_8);
                }
            }
            return null;
        }).handleAsync((text, failure) -> {
            if (failure != null) {
                problem.set(Problem.of(failure).summary());
            } else if (text != null && Payloads.json(text.getBytes(StandardCharsets.UTF_8)).isPresent()) {
                mode.set(PayloadMode.JSON);
                payload.set(text);
            } else if (text != null) {
                mode.set(PayloadMode.TEXT);
                payload.set(text);
            } else {
                file.set(chosen);
                mode.set(PayloadMode.FILE);
            }
            return null;
        }, Fx.thread());
    }

    /** Sends in the background; completes on the FX thread with the result, which is also added to the history. */
    public CompletableFuture<SendResult> send() {
        String reason = check();
        if (!reason.isEmpty()) {
            problem.set(reason);
            return CompletableFuture.failedFuture(new IllegalStateException(reason));
        }
        ManagedConnection target = connection.get();
        BrokerConnection open = target.connection().orElse(null);
        if (open == null) {
            problem.set(target.name() + " is not connected.");
            return CompletableFuture.failedFuture(new IllegalStateException(problem.get()));
        }
        PublishRequest request = request();
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        AtomicLong sentSoFar = new AtomicLong();
        sending.set(true);
        progress.set("Sending…");
        // Progress is polled a few times a second rather than pushed per batch from the sending thread.
        progressPoll.getKeyFrames().setAll(new KeyFrame(Duration.millis(200), event ->
                progress.set("Sent " + sentSoFar.get() + " of " + request.count() + "…")));
        progressPoll.setCycleCount(Timeline.INDEFINITE);
        progressPoll.play();
        String name = target.name();
        return background.call(() -> service.send(open, name, request, stop, sentSoFar::set))
                .thenApplyAsync(result -> {
                    progressPoll.stop();
                    sending.set(false);
                    progress.set(result.outcome());
                    history.addFirst(result);
                    if (history.size() > HISTORY_LIMIT) {
                        history.remove(HISTORY_LIMIT, history.size());
                    }
                    return result;
                }, Fx.thread());
    }

    public void cancel() {
        cancel.set(true);
    }

    private PublishRequest request() {
        Map<String, String> headerMap = new LinkedHashMap<>();
        headers.forEach(row -> {
            String name = row.nameProperty().get();
            if (name != null && !name.isBlank()) {
                headerMap.put(name.trim(), row.valueProperty().get() == null ? "" : row.valueProperty().get());
            }
        });
        return new PublishRequest(topic.get().trim(), keysSupported.get() ? key.get() : "", headerMap, mode.get(),
                payload.get(), file.get(), count.get(), rate.get());
    }

    public void saveTemplate(String name) {
        PublishRequest current = request();
        PublishTemplate template = new PublishTemplate(name, current.topic(), current.key(), current.headers(),
                current.mode() == PayloadMode.FILE ? PayloadMode.TEXT : current.mode(), current.payload(),
                current.count(), current.ratePerSecond());
        templates.removeIf(existing -> existing.name().equals(name));
        templates.add(template);
        persistTemplates();
    }

    public void deleteTemplate(PublishTemplate template) {
        templates.remove(template);
        persistTemplates();
    }

    public void apply(PublishTemplate template) {
        topic.set(template.topic());
        key.set(template.key());
        headers.setAll(template.headers().entrySet().stream()
                .map(entry -> new HeaderRow(entry.getKey(), entry.getValue())).toList());
        mode.set(template.mode());
        payload.set(template.payload());
        count.set(template.count());
        rate.set(template.ratePerSecond());
    }

    private void persistTemplates() {
        List<PublishTemplate> snapshot = List.copyOf(templates);
        background.run(() -> templateStore.save(snapshot)).exceptionally(failure -> {
            Fx.run(() -> problem.set("Templates could not be saved: " + Problem.of(failure).summary()));
            return null;
        });
    }

    public ObservableList<ManagedConnection> connected() {
        return connected;
    }

    public ObjectProperty<ManagedConnection> connectionProperty() {
        return connection;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public StringProperty keyProperty() {
        return key;
    }

    /** Whether the chosen connection's messages carry keys ({@link Feature#KEYS}). */
    public ReadOnlyBooleanProperty keysSupportedProperty() {
        return keysSupported.getReadOnlyProperty();
    }

    public ObservableList<HeaderRow> headers() {
        return headers;
    }

    public ObjectProperty<PayloadMode> modeProperty() {
        return mode;
    }

    public StringProperty payloadProperty() {
        return payload;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public LongProperty countProperty() {
        return count;
    }

    public DoubleProperty rateProperty() {
        return rate;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ObservableList<SendResult> history() {
        return history;
    }

    public ObservableList<PublishTemplate> templates() {
        return templates;
    }
}
