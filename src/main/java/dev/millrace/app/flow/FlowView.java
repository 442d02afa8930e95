package dev.millrace.app.flow;

import atlantafx.base.theme.Styles;
import dev.millrace.app.fx.Formats;
import dev.millrace.app.fx.Fx;
import dev.millrace.app.fx.Icons;
import dev.millrace.app.message.Payloads;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * A correlated flow as a timeline: the path with its total time on top, then each step with its offset from the
 * first and the latency of the hop that led to it.
 */
public final class FlowView extends VBox {
    private final FlowSource source;
    private final ObjectProperty<String> correlationId = new SimpleObjectProperty<>();
    private final ObjectProperty<FlowTimeline> timeline = new SimpleObjectProperty<>();
    private final Label path = new Label();
    private final Label summary = new Label();
    private final ListView<FlowStep> steps = new ListView<>();

    public FlowView(FlowSource source) {
        this.source = source;
        getStyleClass().add("flow-view");
        setSpacing(6);
        setPadding(new Insets(6));
        path.setId("flow-path");
        path.getStyleClass().addAll(Styles.TEXT_BOLD, "flow-path");
        path.setWrapText(true);
        summary.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Button refresh = Icons.iconButton(MaterialDesignR.REFRESH, "Look again: steps seen since");
        refresh.setOnAction(event -> refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox titles = new VBox(2, path, summary);
        HBox header = new HBox(6, titles, spacer, refresh);
        header.setAlignment(Pos.CENTER_LEFT);
        steps.setId("flow-steps");
        steps.setCellFactory(list -> {
            StepCell cell = new StepCell();
            // Cells take the list's width: long message ids end in an ellipsis instead of a sideways scroll bar.
            cell.setPrefWidth(0);
            return cell;
        });
        steps.setPlaceholder(new Label("Select a message with a correlation id to see its flow."));
        VBox.setVgrow(steps, Priority.ALWAYS);
        getChildren().setAll(header, steps);
        correlationId.addListener((observable, old, now) -> refresh());
        timeline.addListener((observable, old, now) -> show(now));
        show(null);
    }

    public ObjectProperty<String> correlationIdProperty() {
        return correlationId;
    }

    public FlowTimeline timeline() {
        return timeline.get();
    }

    /** Looks the correlation id up again; an answer for an id that is no longer selected is dropped. */
    public void refresh() {
        String id = correlationId.get();
        if (id == null || id.isEmpty()) {
            timeline.set(null);
            return;
        }
        source.timeline(id).whenCompleteAsync((found, failure) -> {
            if (id.equals(correlationId.get())) {
                timeline.set(failure == null ? found : null);
            }
        }, Fx.thread());
    }

    private void show(FlowTimeline shown) {
        if (shown == null || shown.isEmpty()) {
            path.setText(correlationId.get() == null || correlationId.get().isEmpty()
                    ? "No correlation id" : "Nothing seen yet for " + correlationId.get());
            summary.setText("");
            steps.getItems().clear();
            return;
        }
        path.setText(shown.path());
        summary.setText("correlation id " + shown.correlationId() + " · " + shown.steps().size() + " steps · "
                + Formats.latency(shown.totalNanos()) + " end to end");
        steps.getItems().setAll(shown.steps());
    }

    private final class StepCell extends ListCell<FlowStep> {
        @Override
        protected void updateItem(FlowStep step, boolean empty) {
            super.updateItem(step, empty);
            if (empty || step == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            FlowTimeline current = timeline.get();
            int index = getIndex();
            long offset = step.nanos() - current.steps().getFirst().nanos();
            String hop = index == 0 ? "start" : "+" + Formats.latency(step.nanos() - current.steps().get(index - 1).nanos());
            Label time = new Label(Formats.time(step.at()));
            time.getStyleClass().addAll(Styles.TEXT_MUTED, "monospace");
            Label latency = new Label(hop);
            latency.getStyleClass().addAll("flow-hop", Styles.TEXT_SMALL);
            latency.setMinWidth(80);
            Label place = new Label(step.place());
            place.getStyleClass().add(Styles.TEXT_BOLD);
            Label detail = new Label(describe(step) + " · at " + Formats.latency(offset));
            detail.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            detail.setMinWidth(0);
            VBox text = new VBox(1, place, detail);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            time.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(10, Icons.icon(icon(step), 18), latency, text, time);
            row.setAlignment(Pos.CENTER_LEFT);
            setGraphic(row);
            setText(null);
        }
    }

    private static Ikon icon(FlowStep step) {
        return switch (step) {
            case FlowStep.Published published -> MaterialDesignS.SEND;
            case FlowStep.Received received -> MaterialDesignI.INBOX_ARROW_DOWN;
            case FlowStep.Handled handled -> MaterialDesignC.COG_OUTLINE;
        };
    }

    private static String describe(FlowStep step) {
        return switch (step) {
            case FlowStep.Published published -> "published by the workbench on " + published.connection()
                    + " · message " + published.messageId();
            case FlowStep.Received received -> "received on " + received.message().connection() + " · message "
                    + received.message().id() + " · " + Payloads.preview(received.message().payload(), 60);
            case FlowStep.Handled handled -> "handler ran for message " + handled.messageId();
        };
    }
}
