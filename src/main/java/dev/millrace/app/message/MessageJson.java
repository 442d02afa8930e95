package dev.millrace.app.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.millrace.message.Envelope;
import java.util.Base64;

/**
 * A captured message as one JSON object with every envelope field, for "Copy as JSON". The payload is text when it
 * is UTF-8, otherwise base64, and {@code payload_encoding} says which, as in the JSON Lines export.
 */
public final class MessageJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MessageJson() {
    }

    public static String of(CapturedMessage message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", message.id());
        node.put("connection", message.connection());
        node.put("broker", message.brokerId());
        node.put("topic", message.topic());
        if (!message.key().isEmpty()) {
            node.put("key", message.key());
        }
        if (message.partition() != Envelope.NONE) {
            node.put("partition", message.partition());
        }
        if (message.sequence() != Envelope.NONE) {
            node.put("sequence", message.sequence());
        }
        if (message.brokerTimestamp() != null) {
            node.put("broker_timestamp", message.brokerTimestamp().toString());
        }
        node.put("received_at", message.receivedAt().toString());
        node.put("redelivered", message.redelivered());
        node.put("size", message.size());
        ObjectNode metadata = node.putObject("metadata");
        message.metadata().forEach(metadata::put);
        if (Payloads.isText(message.payload())) {
            node.put("payload_encoding", "utf-8");
            node.put("payload", Payloads.text(message.payload()));
        } else {
            node.put("payload_encoding", "base64");
            node.put("payload", Base64.getEncoder().encodeToString(message.payload()));
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers always serializes", e);
        }
    }
}
