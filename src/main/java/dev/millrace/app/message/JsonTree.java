package dev.millrace.app.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import javafx.scene.control.TreeItem;

/** A JSON document as tree items, capped so that a huge payload cannot stall the FX thread. */
final class JsonTree {
    static final int MAX_NODES = 5_000;

    private int created;

    static TreeItem<String> of(JsonNode root) {
        TreeItem<String> item = new JsonTree().build("$", root);
        item.setExpanded(true);
        return item;
    }

    private TreeItem<String> build(String label, JsonNode node) {
        created++;
        if (node.isObject()) {
            TreeItem<String> item = new TreeItem<>(label + "  {" + node.size() + "}");
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!addChild(item, field.getKey(), field.getValue())) {
                    break;
                }
            }
            item.setExpanded(created < 200);
            return item;
        }
        if (node.isArray()) {
            TreeItem<String> item = new TreeItem<>(label + "  [" + node.size() + "]");
            for (int i = 0; i < node.size(); i++) {
                if (!addChild(item, "[" + i + "]", node.get(i))) {
                    break;
                }
            }
            item.setExpanded(created < 200);
            return item;
        }
        return new TreeItem<>(label + ": " + (node.isTextual() ? '"' + node.asText() + '"' : node.toString()));
    }

    private boolean addChild(TreeItem<String> parent, String label, JsonNode child) {
        if (created >= MAX_NODES) {
            parent.getChildren().add(new TreeItem<>("… more not shown"));
            return false;
        }
        parent.getChildren().add(build(label, child));
        return true;
    }
}
