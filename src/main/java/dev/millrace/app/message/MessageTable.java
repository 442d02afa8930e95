package dev.millrace.app.message;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.millrace.app.fx.Formats;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The message table used by live views, peeks and sessions: time, topic, key, size, correlation id and a payload
 * preview. TableView only creates cells for the visible rows, so ten thousand rows cost what forty do.
 */
public final class MessageTable {
    private static final int PREVIEW_CHARS = 160;
    private static final double ROW_HEIGHT = 26;

    private MessageTable() {
    }

    /**
     * @param sortable whether clicking a header sorts; off for live views, whose rows must stay in arrival order
     */
    public static TableView<CapturedMessage> create(ObservableList<CapturedMessage> rows, boolean sortable) {
        TableView<CapturedMessage> table = new TableView<>(rows);
        table.getStyleClass().addAll("message-table", Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // One row height for all: without it the table measures rows as items change, which at thousands of new
        // rows per second costs more than everything else in a frame.
        table.setFixedCellSize(ROW_HEIGHT);
        table.setPlaceholder(new Label("No messages yet."));
        table.getColumns().setAll(List.of(
                column("Time", 110, 110, message -> Formats.time(message.receivedAt()), sortable),
                column("Topic", 140, 110, CapturedMessage::topic, sortable),
                column("Key", 80, 50, CapturedMessage::key, sortable),
                sizeColumn(sortable),
                column("Correlation id", 160, 110, CapturedMessage::correlationId, sortable),
                // Narrow by default: the last column takes whatever room a wide window has, and a narrow pane
                // squeezes it first instead of cutting the topic short.
                column("Payload", 260, 150, MessageTable::preview, false)));
        return table;
    }

    private static String preview(CapturedMessage message) {
        return message.isGap()
                ? "⚠ " + Formats.count(message.droppedHere()) + " messages dropped here: the recorder could not keep up"
                : Payloads.preview(message.payload(), PREVIEW_CHARS);
    }

    /** @param minWidth how far a narrow pane may shrink it and still leave it readable */
    private static TableColumn<CapturedMessage, String> column(String title, double width, double minWidth,
                                                               Function<CapturedMessage, String> value, boolean sortable) {
        TableColumn<CapturedMessage, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(minWidth);
        column.setSortable(sortable);
        return column;
    }

    private static TableColumn<CapturedMessage, Number> sizeColumn(boolean sortable) {
        TableColumn<CapturedMessage, Number> column = new TableColumn<>("Size");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().size()));
        column.setPrefWidth(70);
        column.setMinWidth(55);
        column.setSortable(sortable);
        column.getStyleClass().add("numeric");
        return column;
    }
}
