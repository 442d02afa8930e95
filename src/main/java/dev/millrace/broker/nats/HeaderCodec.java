package dev.millrace.broker.nats;

import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Message id, key and metadata as NATS headers, reversibly.
 *
 * <p>NATS headers are HTTP-like: names are printable ASCII without {@code :}, values printable ASCII with leading and
 * trailing white space trimmed by the server. Metadata is any string to string, so what does not fit is encoded:
 * a value as an RFC 2047 encoded word ({@code =?UTF-8?B?...?=}), a name as {@code Millrace-Meta-<base64url>}.
 * Everything else travels as is, so other NATS clients see ordinary headers.
 *
 * <p>The id goes into {@code Nats-Msg-Id}, the header JetStream de-duplicates on: re-sending a message (a publisher's
 * retry after a lost acknowledgement) stores it once.
 *
 * <p>jnats keeps headers in a hash map, so their order is lost on the way; metadata is insertion-ordered, so a message
 * with more than one entry also carries {@code Millrace-Metadata-Order}: the header names in order, separated by
 * {@code :}, the one character header names cannot contain.
 */
final class HeaderCodec {
    static final String ID = "Nats-Msg-Id";
    static final String KEY = "Millrace-Key";
    static final String ORDER = "Millrace-Metadata-Order";
    private static final String ORDER_SEPARATOR = ":";
    private static final String ENCODED_NAME_PREFIX = "Millrace-Meta-";
    private static final String ENCODED_VALUE_PREFIX = "=?UTF-8?B?";
    private static final String ENCODED_VALUE_SUFFIX = "?=";

    /** What the headers of a received message carried. {@code id} is null when there was no id header. */
    record Decoded(String id, String key, Metadata metadata) {
    }

    private HeaderCodec() {
    }

    static Headers encode(Message message) {
        Headers headers = new Headers();
        headers.put(ID, encodeValue(message.id()));
        if (message.key() != null) {
            headers.put(KEY, encodeValue(message.key()));
        }
        List<String> names = new ArrayList<>(message.metadata().size());
        message.metadata().forEach((name, value) -> {
            String encodedName = encodeName(name);
            names.add(encodedName);
            headers.put(encodedName, encodeValue(value));
        });
        if (names.size() > 1) {
            headers.put(ORDER, String.join(ORDER_SEPARATOR, names));
        }
        return headers;
    }

    static Decoded decode(Headers headers) {
        Metadata metadata = new Metadata();
        if (headers == null || headers.isEmpty()) {
            return new Decoded(null, null, metadata);
        }
        String id = null;
        String key = null;
        for (String name : ordered(headers)) {
            String value = decodeValue(joined(headers.get(name)));
            if (name.equals(ID)) {
                id = value;
            } else if (name.equals(KEY)) {
                key = value;
            } else if (!name.equals(ORDER)) {
                metadata.set(decodeName(name), value);
            }
        }
        return new Decoded(id, key, metadata);
    }

    /** The header names in the order the sender's metadata had, followed by any the order header does not list. */
    private static Collection<String> ordered(Headers headers) {
        String order = headers.getFirst(ORDER);
        if (order == null) {
            return headers.keySet();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : order.split(ORDER_SEPARATOR)) {
            if (headers.containsKey(name)) {
                names.add(name);
            }
        }
        names.addAll(headers.keySet());
        return names;
    }

    private static String joined(List<String> values) {
        // A header NATS clients sent several times; metadata holds one value, so keep them all as HTTP would.
        return values.size() == 1 ? values.get(0) : String.join(",", values);
    }

    private static String encodeName(String name) {
        if (isPlainName(name)) {
            return name;
        }
        return ENCODED_NAME_PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeName(String name) {
        if (!name.startsWith(ENCODED_NAME_PREFIX)) {
            return name;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(name.substring(ENCODED_NAME_PREFIX.length())),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notOurs) {
            return name;
        }
    }

    private static boolean isPlainName(String name) {
        if (name.isEmpty() || name.equals(ID) || name.equals(KEY) || name.equals(ORDER)
                || name.startsWith(ENCODED_NAME_PREFIX)) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ':') {
                return false;
            }
        }
        return true;
    }

    private static String encodeValue(String value) {
        if (isPlainValue(value)) {
            return value;
        }
        return ENCODED_VALUE_PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
                + ENCODED_VALUE_SUFFIX;
    }

    private static String decodeValue(String value) {
        if (!value.startsWith(ENCODED_VALUE_PREFIX) || !value.endsWith(ENCODED_VALUE_SUFFIX)
                || value.length() < ENCODED_VALUE_PREFIX.length() + ENCODED_VALUE_SUFFIX.length()) {
            return value;
        }
        String base64 = value.substring(ENCODED_VALUE_PREFIX.length(), value.length() - ENCODED_VALUE_SUFFIX.length());
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notOurs) {
            return value;
        }
    }

    private static boolean isPlainValue(String value) {
        if (value.isEmpty()) {
            return true;
        }
        if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' '
                || value.startsWith(ENCODED_VALUE_PREFIX)) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
