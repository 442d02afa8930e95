package dev.millrace.app.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.Map;

/** Turns a {@link PublishRequest} into messages: variables filled in per message, the payload encoded by its mode. */
final class MessageFactory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublishRequest request;
    private final byte[] fixedPayload;
    private final boolean payloadHasVariables;

    /** Reads a payload file once, up front; fails with a plain message when the payload cannot be encoded. */
    MessageFactory(PublishRequest request) {
        this.request = request;
        this.payloadHasVariables = (request.mode() == PayloadMode.TEXT || request.mode() == PayloadMode.JSON)
                && request.payload().contains("{{");
        this.fixedPayload = payloadHasVariables ? null : encode(request.payload(), 1);
    }

    Message create(long sequence) {
        byte[] payload = payloadHasVariables ? encode(TemplateVariables.render(request.payload(), sequence), sequence)
                : fixedPayload;
        Metadata metadata = new Metadata();
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            metadata.set(header.getKey(), TemplateVariables.render(header.getValue(), sequence));
        }
        Message message = new Message(Message.newId(), metadata, payload);
        if (!request.key().isEmpty()) {
            message.withKey(TemplateVariables.render(request.key(), sequence));
        }
        return message;
    }

    private byte[] encode(String text, long sequence) {
        return switch (request.mode()) {
            case TEXT -> text.getBytes(StandardCharsets.UTF_8);
            case JSON -> {
                checkJson(text, sequence);
                yield text.getBytes(StandardCharsets.UTF_8);
            }
            case HEX -> parseHex(text);
            case FILE -> readFile();
        };
    }

    /** Checks that {@code text} is one JSON document; the message says where it is not. */
    static void checkJson(String text, long sequence) {
        try {
            JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("message " + sequence + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage());
        }
    }

    static byte[] parseHex(String text) {
        String digits = text.replaceAll("(?i)0x|[\\s,:]", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("hex payload has an odd number of digits (" + digits.length() + ")");
        }
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hex payload may contain only 0-9, a-f, spaces and colons");
        }
    }

    private byte[] readFile() {
        if (request.file() == null) {
            throw new IllegalArgumentException("choose a payload file");
        }
        try {
            return Files.readAllBytes(request.file());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + request.file(), e);
        }
    }
}
