package dev.millrace.record;

import dev.millrace.message.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Walks the entries of a block written by {@link BlockEncoder}: {@link #next()} reads only the fields searches
 * compare (seq, receive time, topic, key, correlation id); {@link #entry} decodes the current entry whole, and the
 * rest of an entry that is not wanted is skipped by its length.
 */
final class BlockReader {
    private final byte[] data;
    private final long sessionId;
    private final String[] strings;
    private int position;
    private int remaining;
    private long seq;
    private int end;
    private int flags;
    private long receivedNs;
    private int topic;
    private int keyAt;
    private int keyLength;
    private int correlationAt;
    private int correlationLength;
    private int restAt;

    BlockReader(long sessionId, long firstSeq, byte[] data) {
        this.data = data;
        this.sessionId = sessionId;
        if (data.length == 0 || data[0] != BlockEncoder.VERSION) {
            throw new RecordStoreException("block " + sessionId + "/" + firstSeq + " has an unknown layout");
        }
        position = 1;
        int count = varint();
        strings = new String[count];
        for (int i = 0; i < count; i++) {
            int length = varint();
            strings[i] = new String(data, position, length, StandardCharsets.UTF_8);
            position += length;
        }
        remaining = varint();
        seq = firstSeq - 1;
    }

    /** The dictionary index of {@code text} in this block, or -1 if the block never mentions it. */
    int indexOf(String text) {
        for (int i = 0; i < strings.length; i++) {
            if (strings[i].equals(text)) {
                return i;
            }
        }
        return -1;
    }

    /** Moves to the next entry; false after the last. */
    boolean next() {
        if (remaining == 0) {
            return false;
        }
        if (end > 0) {
            position = end;
        }
        remaining--;
        int length = int32();
        end = position + length;
        flags = data[position++] & 0xFF;
        seq += varlong();
        receivedNs = int64();
        topic = varint();
        keyLength = -1;
        correlationLength = -1;
        if ((flags & BlockEncoder.HAS_KEY) != 0) {
            keyLength = varint();
            keyAt = position;
            position += keyLength;
        }
        if ((flags & BlockEncoder.HAS_CORRELATION) != 0) {
            correlationLength = varint();
            correlationAt = position;
            position += correlationLength;
        }
        restAt = position;
        return true;
    }

    long seq() {
        return seq;
    }

    long receivedNs() {
        return receivedNs;
    }

    int topicIndex() {
        return topic;
    }

    boolean isGap() {
        return (flags & BlockEncoder.KIND_GAP) != 0;
    }

    boolean keyEquals(byte[] utf8) {
        return keyLength == utf8.length && Arrays.equals(data, keyAt, keyAt + keyLength, utf8, 0, utf8.length);
    }

    boolean correlationIdEquals(byte[] utf8) {
        return correlationLength == utf8.length
                && Arrays.equals(data, correlationAt, correlationAt + correlationLength, utf8, 0, utf8.length);
    }

    /** Whether the current message's payload contains {@code needle}, read in place. */
    boolean payloadContains(byte[] needle) {
        position = restAt;
        skipToPayload();
        int length = varint();
        return contains(data, position, position + length, needle);
    }

    /** The value of metadata {@code name} of the current message, or null. */
    String metadataValue(String name) {
        position = restAt;
        skipString();
        varint();
        varint();
        skipOptionalNumbers();
        int pairs = varint();
        for (int i = 0; i < pairs; i++) {
            int nameIndex = varint();
            int length = varint();
            if (strings[nameIndex].equals(name)) {
                return new String(data, position, length, StandardCharsets.UTF_8);
            }
            position += length;
        }
        return null;
    }

    // Raw access for writers that copy fields out without decoding them (the JSON Lines export): after
    // readMessageFields(), the fields below describe the current message; strings are UTF-8 ranges of data().

    private int messageIdAt;
    private int messageIdLength;
    private int brokerIndex;
    private int profileIndex;
    private int partition;
    private long brokerSequence;
    private long brokerTimeNs;
    private long receivedNanos;
    private int metadataLeft;
    private int metadataNameIndex;
    private int metadataValueAt;
    private int metadataValueLength;
    private int payloadAt;
    private int payloadLength;
    private long dropped;

    /** Reads the rest of the current entry into the raw fields (for a gap: broker, profile, nanos, dropped). */
    void readFields() {
        position = restAt;
        if (isGap()) {
            brokerIndex = varint();
            profileIndex = varint();
            receivedNanos = int64();
            dropped = varlong();
            return;
        }
        messageIdLength = varint();
        messageIdAt = position;
        position += messageIdLength;
        brokerIndex = varint();
        profileIndex = varint();
        partition = (flags & BlockEncoder.HAS_PARTITION) != 0 ? (int) varlong() : Envelope.NONE;
        brokerSequence = (flags & BlockEncoder.HAS_BROKER_SEQUENCE) != 0 ? varlong() : Envelope.NONE;
        boolean hasBrokerTime = (flags & BlockEncoder.HAS_BROKER_TIME) != 0;
        brokerTimeNs = hasBrokerTime ? int64() : 0;
        receivedNanos = int64();
        metadataLeft = varint();
        int metadataAt = position;
        for (int i = 0; i < metadataLeft; i++) {
            varint();
            skipString();
        }
        payloadLength = varint();
        payloadAt = position;
        position = metadataAt;
    }

    /** Moves to the next metadata pair of the current message after {@link #readFields()}; false after the last. */
    boolean nextMetadata() {
        if (metadataLeft == 0) {
            return false;
        }
        metadataLeft--;
        metadataNameIndex = varint();
        metadataValueLength = varint();
        metadataValueAt = position;
        position += metadataValueLength;
        return true;
    }

    byte[] data() {
        return data;
    }

    int messageIdAt() {
        return messageIdAt;
    }

    int messageIdLength() {
        return messageIdLength;
    }

    /** Broker id, or null. */
    String brokerId() {
        return nullable(brokerIndex);
    }

    /** Profile name, or null. */
    String profileName() {
        return nullable(profileIndex);
    }

    String topic() {
        return strings[topic];
    }

    /** Whether the current message has a key, and where its UTF-8 bytes are. */
    boolean hasKey() {
        return keyLength >= 0;
    }

    int keyAt() {
        return keyAt;
    }

    int keyLength() {
        return keyLength;
    }

    boolean hasCorrelationId() {
        return correlationLength >= 0;
    }

    int correlationIdAt() {
        return correlationAt;
    }

    int correlationIdLength() {
        return correlationLength;
    }

    int partition() {
        return partition;
    }

    long brokerSequence() {
        return brokerSequence;
    }

    boolean hasBrokerTime() {
        return (flags & BlockEncoder.HAS_BROKER_TIME) != 0;
    }

    long brokerTimeNs() {
        return brokerTimeNs;
    }

    long receivedNanos() {
        return receivedNanos;
    }

    boolean redelivered() {
        return (flags & BlockEncoder.REDELIVERED) != 0;
    }

    long dropped() {
        return dropped;
    }

    String metadataName() {
        return strings[metadataNameIndex];
    }

    int metadataValueAt() {
        return metadataValueAt;
    }

    int metadataValueLength() {
        return metadataValueLength;
    }

    int payloadAt() {
        return payloadAt;
    }

    int payloadLength() {
        return payloadLength;
    }

    /** The current entry, decoded. */
    RecordedEntry entry() {
        position = restAt;
        Instant receivedAt = EpochNanos.toInstant(receivedNs);
        String topicName = strings[topic];
        if (isGap()) {
            String brokerId = nullable(varint());
            String profile = nullable(varint());
            long receivedNanos = int64();
            return new GapMarker(sessionId, seq, brokerId, profile, topicName, receivedAt, receivedNanos, varlong());
        }
        String messageId = string();
        String brokerId = nullable(varint());
        String profile = nullable(varint());
        int partition = (flags & BlockEncoder.HAS_PARTITION) != 0 ? (int) varlong() : Envelope.NONE;
        long brokerSequence = (flags & BlockEncoder.HAS_BROKER_SEQUENCE) != 0 ? varlong() : Envelope.NONE;
        Instant brokerTime = (flags & BlockEncoder.HAS_BROKER_TIME) != 0 ? EpochNanos.toInstant(int64()) : null;
        long receivedNanos = int64();
        int pairs = varint();
        Map<String, String> metadata;
        if (pairs == 0) {
            metadata = Map.of();
        } else {
            metadata = new LinkedHashMap<>(pairs * 2);
            for (int i = 0; i < pairs; i++) {
                String name = strings[varint()];
                metadata.put(name, string());
            }
        }
        int length = varint();
        byte[] payload = Arrays.copyOfRange(data, position, position + length);
        String key = keyLength < 0 ? null : new String(data, keyAt, keyLength, StandardCharsets.UTF_8);
        String correlationId = correlationLength < 0 ? null
                : new String(data, correlationAt, correlationLength, StandardCharsets.UTF_8);
        Envelope envelope = new Envelope(brokerId, topicName, key, partition, brokerSequence, brokerTime, receivedAt,
                receivedNanos, (flags & BlockEncoder.REDELIVERED) != 0);
        return new RecordedMessage(sessionId, seq, messageId, profile, envelope, correlationId, metadata, payload);
    }

    private void skipToPayload() {
        skipString();
        varint();
        varint();
        skipOptionalNumbers();
        int pairs = varint();
        for (int i = 0; i < pairs; i++) {
            varint();
            skipString();
        }
    }

    private void skipOptionalNumbers() {
        if ((flags & BlockEncoder.HAS_PARTITION) != 0) {
            varlong();
        }
        if ((flags & BlockEncoder.HAS_BROKER_SEQUENCE) != 0) {
            varlong();
        }
        if ((flags & BlockEncoder.HAS_BROKER_TIME) != 0) {
            position += 8;
        }
        position += 8;
    }

    private String nullable(int index) {
        return index == 0 ? null : strings[index - 1];
    }

    private String string() {
        int length = varint();
        String value = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    private void skipString() {
        int length = varint();
        position += length;
    }

    private int int32() {
        int value = (data[position] & 0xFF) << 24 | (data[position + 1] & 0xFF) << 16
                | (data[position + 2] & 0xFF) << 8 | data[position + 3] & 0xFF;
        position += 4;
        return value;
    }

    private long int64() {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | data[position + i] & 0xFF;
        }
        position += 8;
        return value;
    }

    private int varint() {
        return (int) varlong();
    }

    private long varlong() {
        long value = 0;
        int shift = 0;
        while (true) {
            byte b = data[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
            shift += 7;
        }
    }

    private static boolean contains(byte[] haystack, int from, int to, byte[] needle) {
        if (needle.length == 0) {
            return true;
        }
        int last = to - needle.length;
        byte first = needle[0];
        for (int i = from; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            int j = 1;
            while (j < needle.length && haystack[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return true;
            }
        }
        return false;
    }
}
