package dev.millrace.app.message;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.millrace.app.fx.Formats;
import dev.millrace.app.fx.Icons;
import dev.millrace.message.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * Everything about one message: the payload (a JSON tree or text), a hex dump, the headers, the envelope, and, when
 * given a flow view, the correlated flow. It keeps showing the selected message after the row scrolls out.
 */
public final class MessageDetailPane extends VBox {
    private final ObjectProperty<CapturedMessage> message;
    private final Label title = new Label("No message selected");
    private final TreeView<String> jsonTree = new TreeView<>();
    private final TextArea payloadText = readOnlyArea();
    private final ToggleButton treeToggle = new ToggleButton("Tree");
    private final ToggleButton textToggle = new ToggleButton("Text");
    private final HBox payloadModes = new HBox(treeToggle, textToggle);
    private final Label payloadNote = new Label();
    private final TextArea hex = readOnlyArea();
    private final TableView<Map.Entry<String, String>> headers = new TableView<>();
    private final GridPane envelope = new GridPane();
    private final TabPane tabs = new TabPane();
    private final Button copy;

    /** @param flow the correlated-flow view shown in the last tab, or {@code null} for none */
    public MessageDetailPane(ObjectProperty<CapturedMessage> message, Node flow) {
        this.message = message;
        getStyleClass().add("message-detail");
        setSpacing(4);
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setId("detail-title");
        copy = Icons.button("Copy as JSON", MaterialDesignC.CONTENT_COPY);
        copy.setId("detail-copy-json");
        copy.getStyleClass().add(Styles.SMALL);
        copy.setOnAction(event -> copyAsJson());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(4, 6, 0, 6));

        ToggleGroup modes = new ToggleGroup();
        treeToggle.setToggleGroup(modes);
        textToggle.setToggleGroup(modes);
        treeToggle.getStyleClass().addAll(Styles.LEFT_PILL, Styles.SMALL);
        textToggle.getStyleClass().addAll(Styles.RIGHT_PILL, Styles.SMALL);
        treeToggle.setSelected(true);
        modes.selectedToggleProperty().addListener((observable, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            }
            showPayloadMode();
        });
        payloadNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        HBox payloadBar = new HBox(8, payloadModes, payloadNote);
        payloadBar.setAlignment(Pos.CENTER_LEFT);
        payloadBar.setPadding(new Insets(4));
        jsonTree.setId("detail-json-tree");
        payloadText.setId("detail-payload-text");
        StackPane payloadStack = new StackPane(jsonTree, payloadText);
        VBox payload = new VBox(payloadBar, payloadStack);
        VBox.setVgrow(payloadStack, Priority.ALWAYS);

        TableColumn<Map.Entry<String, String>, String> name = new TableColumn<>("Header");
        name.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().getKey()));
        name.setPrefWidth(180);
        TableColumn<Map.Entry<String, String>, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().getValue()));
        value.setPrefWidth(360);
        headers.getColumns().setAll(List.of(name, value));
        headers.getStyleClass().add(Styles.DENSE);
        headers.setPlaceholder(new Label("No headers."));

        envelope.setHgap(16);
        envelope.setVgap(4);
        envelope.setPadding(new Insets(8));

        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().setAll(new Tab("Payload", payload), new Tab("Hex", hex), new Tab("Headers", headers),
                new Tab("Envelope", envelope));
        if (flow != null) {
            Tab flowTab = new Tab("Flow", flow);
            flowTab.setId("detail-flow-tab");
            tabs.getTabs().add(flowTab);
        }
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().setAll(header, tabs);
        message.addListener((observable, old, now) -> show(now));
        show(message.get());
    }

    /** Brings the flow tab to the front, if there is one. */
    public void showFlow() {
        tabs.getTabs().stream().filter(tab -> "Flow".equals(tab.getText())).findFirst()
                .ifPresent(tab -> tabs.getSelectionModel().select(tab));
    }

    public void copyAsJson() {
        CapturedMessage shown = message.get();
        if (shown != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(MessageJson.of(shown));
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    private void show(CapturedMessage shown) {
        copy.setDisable(shown == null);
        if (shown == null) {
            title.setText("No message selected");
            jsonTree.setRoot(null);
            payloadText.clear();
            hex.clear();
            headers.getItems().clear();
            envelope.getChildren().clear();
            payloadNote.setText("");
            return;
        }
        title.setText(shown.isGap()
                ? "Gap on " + shown.topic() + ": " + Formats.count(shown.droppedHere()) + " messages dropped by the recorder"
                : shown.topic() + " · " + shown.id());
        byte[] payload = shown.payload();
        Optional<JsonNode> json = payload.length <= Payloads.DISPLAY_LIMIT ? Payloads.json(payload) : Optional.empty();
        payloadModes.setVisible(json.isPresent());
        payloadModes.setManaged(json.isPresent());
        if (json.isPresent()) {
            jsonTree.setRoot(JsonTree.of(json.get()));
            payloadText.setText(Payloads.prettyJson(json.get()));
            payloadNote.setText("JSON · " + Formats.bytes(payload.length));
        } else if (Payloads.isText(payload)) {
            jsonTree.setRoot(null);
            int shownBytes = Math.min(payload.length, Payloads.DISPLAY_LIMIT);
            payloadText.setText(new String(payload, 0, shownBytes, StandardCharsets.UTF_8));
            payloadNote.setText("Text · " + Formats.bytes(payload.length)
                    + (shownBytes < payload.length ? " · first " + Formats.bytes(shownBytes) + " shown" : ""));
        } else {
            jsonTree.setRoot(null);
            payloadText.setText("Binary payload of " + Formats.bytes(payload.length) + "; see the Hex tab.");
            payloadNote.setText("Binary · " + Formats.bytes(payload.length));
        }
        showPayloadMode();
        hex.setText(Payloads.hexDump(payload, 64 * 1024));
        headers.getItems().setAll(shown.metadata().entrySet());
        fillEnvelope(shown);
    }

    private void showPayloadMode() {
        boolean tree = jsonTree.getRoot() != null && treeToggle.isSelected();
        jsonTree.setVisible(tree);
        payloadText.setVisible(!tree);
    }

    private void fillEnvelope(CapturedMessage shown) {
        envelope.getChildren().clear();
        int row = 0;
        row = field(row, "Message id", shown.id());
        row = field(row, "Connection", shown.connection());
        row = field(row, "Broker", shown.brokerId());
        row = field(row, "Topic", shown.topic());
        row = field(row, "Key", shown.key());
        row = field(row, "Partition", shown.partition() == Envelope.NONE ? "" : String.valueOf(shown.partition()));
        row = field(row, "Sequence / offset", shown.sequence() == Envelope.NONE ? "" : String.valueOf(shown.sequence()));
        row = field(row, "Broker timestamp", shown.brokerTimestamp() == null ? "" : shown.brokerTimestamp().toString());
        row = field(row, "Received", shown.receivedAt().toString());
        row = field(row, "Redelivered", shown.redelivered() ? "yes" : "no");
        row = field(row, "Payload size", Formats.count(shown.size()) + " bytes");
        field(row, "Correlation id", shown.correlationId());
    }

    private int field(int row, String label, String value) {
        Label name = new Label(label);
        name.getStyleClass().add(Styles.TEXT_MUTED);
        Label text = new Label(value == null || value.isEmpty() ? "–" : value);
        text.getStyleClass().add("monospace");
        envelope.addRow(row, name, text);
        return row + 1;
    }

    private static TextArea readOnlyArea() {
        TextArea area = new TextArea();
        area.setEditable(false);
        area.getStyleClass().add("monospace");
        return area;
    }
}
