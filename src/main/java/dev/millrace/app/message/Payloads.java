package dev.millrace.app.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/** Reading payloads for people: text or binary, previews, pretty JSON, hex dumps. */
public final class Payloads {
    /** How much of a payload the detail pane renders; beyond it the view says how much it left out. */
    public static final int DISPLAY_LIMIT = 256 * 1024;
    private static final int SNIFF_LIMIT = 4096;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Payloads() {
    }

    /** Whether the payload reads as UTF-8 text (judged on its first few KiB). */
    public static boolean isText(byte[] payload) {
        int length = Math.min(payload.length, SNIFF_LIMIT);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(payload, 0, length);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, length == payload.length);
        if (result.isError()) {
            // A multi-byte character cut by the sniff limit is not a sign of binary data.
            boolean cutAtLimit = length < payload.length && in.position() >= length - 3;
            if (!cutAtLimit) {
                return false;
            }
        }
        out.flip();
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    public static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** One line for a table cell: text with line breaks flattened, or a note that the payload is binary. */
    public static String preview(byte[] payload, int maxChars) {
        if (payload.length == 0) {
            return "";
        }
        if (!isText(payload)) {
            int shown = Math.min(payload.length, 16);
            return "binary " + HexFormat.ofDelimiter(" ").formatHex(payload, 0, shown) + (shown < payload.length ? " …" : "");
        }
        int byteLimit = Math.min(payload.length, maxChars * 4);
        String text = new String(payload, 0, byteLimit, StandardCharsets.UTF_8);
        StringBuilder line = new StringBuilder(Math.min(text.length(), maxChars + 1));
        for (int i = 0; i < text.length() && line.length() < maxChars; i++) {
            char c = text.charAt(i);
            line.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
        if (line.length() >= maxChars || byteLimit < payload.length) {
            line.append('…');
        }
        return line.toString();
    }

    /** The payload parsed as JSON, when it is JSON. */
    public static Optional<JsonNode> json(byte[] payload) {
        if (payload.length == 0 || !looksLikeJson(payload)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(payload));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static String prettyJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    /** Classic hex dump: offset, 16 bytes, their printable characters; up to {@code limit} bytes. */
    public static String hexDump(byte[] payload, int limit) {
        int length = Math.min(payload.length, limit);
        StringBuilder dump = new StringBuilder(length * 4 + 64);
        HexFormat hex = HexFormat.of();
        for (int offset = 0; offset < length; offset += 16) {
            dump.append(String.format("%08x  ", offset));
            int end = Math.min(offset + 16, length);
            for (int i = offset; i < offset + 16; i++) {
                dump.append(i < end ? hex.toHexDigits(payload[i]) + " " : "   ");
                if (i == offset + 7) {
                    dump.append(' ');
                }
            }
            dump.append(" |");
            for (int i = offset; i < end; i++) {
                int b = payload[i] & 0xff;
                dump.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            dump.append("|\n");
        }
        if (length < payload.length) {
            dump.append("… ").append(payload.length - length).append(" more bytes not shown\n");
        }
        return dump.toString();
    }

    private static boolean looksLikeJson(byte[] payload) {
        for (byte b : payload) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }
}
