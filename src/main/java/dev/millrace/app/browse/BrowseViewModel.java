package dev.millrace.app.browse;

import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Formats;
import dev.millrace.app.fx.Fx;
import dev.millrace.app.fx.Problem;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Feature;
import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.util.Duration;

/**
 * The browse view's state: the topics of one connection with a search, the selected topic's details, and peeked
 * messages. Every broker call runs in the background; an answer that arrives after the user moved on is dropped.
 */
public final class BrowseViewModel implements AutoCloseable {
    private final Background background;
    private final ObservableList<ManagedConnection> connected;
    private final ObjectProperty<ManagedConnection> connection = new SimpleObjectProperty<>();
    private final ObservableList<TopicInfo> topics = FXCollections.observableArrayList();
    private final FilteredList<TopicInfo> visibleTopics = new FilteredList<>(topics);
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty selectedTopic = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<TopicDetails> details = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CapturedMessage> peeked = FXCollections.observableArrayList();
    private final ObjectProperty<CapturedMessage> selectedMessage = new SimpleObjectProperty<>();
    private final IntegerProperty peekCount = new SimpleIntegerProperty(20);
    private final ReadOnlyBooleanWrapper peekAvailable = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<RefreshInterval> interval = new SimpleObjectProperty<>(RefreshInterval.OFF);
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final Timeline autoRefresh = new Timeline();
    private long listGeneration;
    private long detailGeneration;
    private Instant refreshedAt;

    public BrowseViewModel(ObservableList<ManagedConnection> connected, Background background) {
        this.connected = connected;
        this.background = background;
        search.addListener((observable, old, now) -> {
            String needle = now == null ? "" : now.trim().toLowerCase(Locale.ROOT);
            visibleTopics.setPredicate(needle.isEmpty() ? null
                    : topic -> topic.name().toLowerCase(Locale.ROOT).contains(needle));
            updateStatus();
        });
        connection.addListener((observable, old, now) -> {
            topics.clear();
            peeked.clear();
            details.set(null);
            selectedTopic.set(null);
            peekAvailable.set(now != null && now.connection().map(c -> c.capabilities().has(Feature.PEEK)).orElse(false));
            refresh();
        });
        selectedTopic.addListener((observable, old, now) -> {
            peeked.clear();
            describe();
        });
        interval.addListener((observable, old, now) -> schedule(now));
        autoRefresh.setCycleCount(Timeline.INDEFINITE);
    }

    /** Lists the topics again and describes the selected one. */
    public void refresh() {
        BrokerConnection open = open();
        if (open == null) {
            status.set(connection.get() == null ? "Choose a connection." : connection.get().name() + " is not connected.");
            return;
        }
        long generation = ++listGeneration;
        loading.set(true);
        background.call(() -> open.admin().listTopics()).whenCompleteAsync((found, failure) -> {
            if (generation != listGeneration) {
                return;
            }
            loading.set(false);
            if (failure != null) {
                problem.set("Listing topics failed: " + Problem.of(failure).summary());
                return;
            }
            problem.set("");
            refreshedAt = Instant.now();
            topics.setAll(found.stream().sorted((a, b) -> a.name().compareToIgnoreCase(b.name())).toList());
            updateStatus();
            describe();
        }, Fx.thread());
    }

    private void describe() {
        BrokerConnection open = open();
        String topic = selectedTopic.get();
        long generation = ++detailGeneration;
        if (open == null || topic == null) {
            details.set(null);
            return;
        }
        background.call(() -> open.admin().describeTopic(topic)).whenCompleteAsync((described, failure) -> {
            if (generation != detailGeneration) {
                return;
            }
            if (failure != null) {
                details.set(null);
                problem.set("Describing " + topic + " failed: " + Problem.of(failure).summary());
            } else {
                details.set(described);
            }
        }, Fx.thread());
    }

    /** Reads the latest messages of the selected topic without consuming them. */
    public void peek() {
        BrokerConnection open = open();
        String topic = selectedTopic.get();
        if (open == null || topic == null || !peekAvailable.get()) {
            return;
        }
        int count = Math.max(1, peekCount.get());
        String name = connection.get().name();
        background.call(() -> open.admin().peek(topic, count).stream()
                        .map(message -> CapturedMessage.of(message, name, topic)).toList())
                .whenCompleteAsync((messages, failure) -> {
                    if (failure != null) {
                        problem.set("Peeking " + topic + " failed: " + Problem.of(failure).summary());
                    } else if (topic.equals(selectedTopic.get())) {
                        peeked.setAll(messages);
                        status.set("Peeked " + messages.size() + " of the latest messages on " + topic);
                    }
                }, Fx.thread());
    }

    private void schedule(RefreshInterval every) {
        autoRefresh.stop();
        if (every.period().isZero()) {
            return;
        }
        autoRefresh.getKeyFrames().setAll(new KeyFrame(Duration.millis(every.period().toMillis()), event -> {
            if (!loading.get()) {
                refresh();
            }
        }));
        autoRefresh.play();
    }

    private void updateStatus() {
        if (refreshedAt == null) {
            return;
        }
        String shown = visibleTopics.size() == topics.size() ? Formats.count(topics.size()) + " topics"
                : Formats.count(visibleTopics.size()) + " of " + Formats.count(topics.size()) + " topics";
        status.set(shown + " · refreshed " + Formats.time(refreshedAt));
    }

    private BrokerConnection open() {
        ManagedConnection chosen = connection.get();
        return chosen == null ? null : chosen.connection().orElse(null);
    }

    public ObservableList<ManagedConnection> connected() {
        return connected;
    }

    public ObjectProperty<ManagedConnection> connectionProperty() {
        return connection;
    }

    public FilteredList<TopicInfo> visibleTopics() {
        return visibleTopics;
    }

    public List<TopicInfo> allTopics() {
        return topics;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** Name of the selected topic; kept across refreshes. */
    public StringProperty selectedTopicProperty() {
        return selectedTopic;
    }

    public ReadOnlyObjectProperty<TopicDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ObservableList<CapturedMessage> peeked() {
        return peeked;
    }

    public ObjectProperty<CapturedMessage> selectedMessageProperty() {
        return selectedMessage;
    }

    public IntegerProperty peekCountProperty() {
        return peekCount;
    }

    /** Whether the connection can show messages without consuming them ({@link Feature#PEEK}). */
    public ReadOnlyBooleanProperty peekAvailableProperty() {
        return peekAvailable.getReadOnlyProperty();
    }

    public ObjectProperty<RefreshInterval> intervalProperty() {
        return interval;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    @Override
    public void close() {
        autoRefresh.stop();
    }
}
