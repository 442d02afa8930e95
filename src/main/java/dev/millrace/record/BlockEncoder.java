package dev.millrace.record;

import dev.millrace.message.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs consecutive entries of one session into the bytes of one {@code message_block} row. Layout (integers
 * big-endian, "varint" unsigned LEB128, strings a varint length then UTF-8):
 *
 * <pre>
 * block   := version:byte  dictionary-size:varint  string*  entry-count:varint  entry*
 * entry   := length:int32 (bytes after it)  flags:byte  seq-delta:varint  received-at-ns:int64  topic:varint
 *            [key:string]  [correlation-id:string]  rest
 * message := message-id:string  broker:varint  profile:varint  [partition:varint]  [broker-sequence:varlong]
 *            [broker-time-ns:int64]  received-nanos:int64  metadata-count:varint  (name:varint value:string)*
 *            payload-length:varint  payload
 * gap     := broker:varint  profile:varint  received-nanos:int64  dropped:varlong
 * </pre>
 *
 * Topics, broker ids, profile names and metadata names repeat from message to message: they are written once in
 * the block's dictionary and referred to by index (broker and profile as index + 1, 0 for null). The fields a
 * search compares come first in each entry and the entry's length lets a reader skip the rest, so a filtered scan
 * touches a few bytes of each entry that does not match. Seq is stored as the distance to the previous entry's
 * (to the block's first seq minus one for the first entry).
 */
final class BlockEncoder {
    static final byte VERSION = 1;
    static final int KIND_GAP = 1;
    static final int HAS_KEY = 1 << 1;
    static final int HAS_CORRELATION = 1 << 2;
    static final int HAS_PARTITION = 1 << 3;
    static final int HAS_BROKER_SEQUENCE = 1 << 4;
    static final int HAS_BROKER_TIME = 1 << 5;
    static final int REDELIVERED = 1 << 6;

    private final Map<String, Integer> dictionary = new HashMap<>();
    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> topicCounts = new LinkedHashMap<>();
    private final KeyFilter.Builder keys = new KeyFilter.Builder();
    private final Bytes body = new Bytes(1 << 16);
    private long firstSeq;
    private long lastSeq;
    private int entries;
    private int messages;
    private long minReceivedNs = Long.MAX_VALUE;
    private long maxReceivedNs = Long.MIN_VALUE;

    int entries() {
        return entries;
    }

    /** Bytes of the entries so far (the dictionary adds a little). */
    int size() {
        return body.size;
    }

    /** Appends {@code entry}, whose seq must be above every seq already in the block. */
    void add(RecordedEntry entry) {
        switch (entry) {
            case RecordedMessage message -> addMessage(message.seq(), message.messageId(), message.profileName(),
                    message.envelope(), message.correlationId(), message.metadata(), message.payload());
            case GapMarker gap -> addGap(gap);
        }
    }

    /**
     * Appends a message given by its parts, as {@link RecordedMessage} holds them: the recorder encodes what it
     * received without building one first.
     */
    void addMessage(long seq, String messageId, String profileName, Envelope envelope, String correlationId,
            Map<String, String> metadata, byte[] payload) {
        long receivedNs = EpochNanos.of(envelope.receivedAt());
        int flags = 0;
        flags |= envelope.key() == null ? 0 : HAS_KEY;
        flags |= correlationId == null ? 0 : HAS_CORRELATION;
        flags |= envelope.partition() == Envelope.NONE ? 0 : HAS_PARTITION;
        flags |= envelope.sequence() == Envelope.NONE ? 0 : HAS_BROKER_SEQUENCE;
        flags |= envelope.brokerTimestamp() == null ? 0 : HAS_BROKER_TIME;
        flags |= envelope.redelivered() ? REDELIVERED : 0;
        int lengthAt = begin(seq, flags, receivedNs, envelope.topic());
        if (envelope.key() != null) {
            int at = body.string(envelope.key());
            keys.add(KeyFilter.KEY, body.array, at, body.size - at);
        }
        if (correlationId != null) {
            int at = body.string(correlationId);
            keys.add(KeyFilter.CORRELATION_ID, body.array, at, body.size - at);
        }
        body.string(messageId);
        body.varint(nullableIndex(envelope.brokerId()));
        body.varint(nullableIndex(profileName));
        if (envelope.partition() != Envelope.NONE) {
            body.varlong(Integer.toUnsignedLong(envelope.partition()));
        }
        if (envelope.sequence() != Envelope.NONE) {
            body.varlong(envelope.sequence());
        }
        if (envelope.brokerTimestamp() != null) {
            body.int64(EpochNanos.of(envelope.brokerTimestamp()));
        }
        body.int64(envelope.receivedNanos());
        body.varint(metadata.size());
        for (Map.Entry<String, String> pair : metadata.entrySet()) {
            body.varint(index(pair.getKey()));
            body.string(pair.getValue());
        }
        body.varint(payload.length);
        body.bytes(payload, 0, payload.length);
        messages++;
        end(seq, lengthAt, receivedNs, envelope.topic());
    }

    private void addGap(GapMarker gap) {
        long receivedNs = EpochNanos.of(gap.receivedAt());
        int lengthAt = begin(gap.seq(), KIND_GAP, receivedNs, gap.topic());
        body.varint(nullableIndex(gap.brokerId()));
        body.varint(nullableIndex(gap.profileName()));
        body.int64(gap.receivedNanos());
        body.varlong(gap.droppedCount());
        end(gap.seq(), lengthAt, receivedNs, gap.topic());
    }

    /** Writes the fields every entry starts with; returns where its length goes. */
    private int begin(long seq, int flags, long receivedNs, String topic) {
        if (entries == 0) {
            firstSeq = seq;
            lastSeq = seq - 1;
        } else if (seq <= lastSeq) {
            throw new IllegalArgumentException("seq " + seq + " does not follow " + lastSeq);
        }
        int lengthAt = body.size;
        body.int32(0);
        body.int8(flags);
        body.varlong(seq - lastSeq);
        body.int64(receivedNs);
        body.varint(index(topic));
        return lengthAt;
    }

    private void end(long seq, int lengthAt, long receivedNs, String topic) {
        body.putInt32(lengthAt, body.size - lengthAt - 4);
        lastSeq = seq;
        entries++;
        minReceivedNs = Math.min(minReceivedNs, receivedNs);
        maxReceivedNs = Math.max(maxReceivedNs, receivedNs);
        topicCounts.merge(topic, 1, Integer::sum);
    }

    /** The block made of what was added, and a fresh start for the next one. */
    Block finish(long sessionId) {
        if (entries == 0) {
            throw new IllegalStateException("an empty block");
        }
        Bytes head = new Bytes(16 + strings.size() * 16);
        head.int8(VERSION);
        head.varint(strings.size());
        for (String string : strings) {
            head.string(string);
        }
        head.varint(entries);
        byte[] data = Arrays.copyOf(head.array, head.size + body.size);
        System.arraycopy(body.array, 0, data, head.size, body.size);
        Block block = new Block(sessionId, firstSeq, lastSeq, entries, messages, minReceivedNs, maxReceivedNs,
                Map.copyOf(topicCounts), keys.build(), data);
        dictionary.clear();
        strings.clear();
        topicCounts.clear();
        body.size = 0;
        entries = 0;
        messages = 0;
        minReceivedNs = Long.MAX_VALUE;
        maxReceivedNs = Long.MIN_VALUE;
        return block;
    }

    private int index(String string) {
        Integer known = dictionary.get(string);
        if (known != null) {
            return known;
        }
        int index = strings.size();
        strings.add(string);
        dictionary.put(string, index);
        return index;
    }

    private int nullableIndex(String string) {
        return string == null ? 0 : index(string) + 1;
    }

    /**
     * One encoded block and what its index rows say about it.
     *
     * @param topicCounts entries per topic
     * @param keyFilter   a {@link KeyFilter} over the keys and correlation ids of its messages
     */
    record Block(long sessionId, long firstSeq, long lastSeq, int entries, int messages, long minReceivedNs,
            long maxReceivedNs, Map<String, Integer> topicCounts, byte[] keyFilter, byte[] data) {
    }

    /** A growable byte array with the writes the layout needs. */
    static final class Bytes {
        byte[] array;
        int size;

        Bytes(int capacity) {
            array = new byte[capacity];
        }

        private void room(int more) {
            if (size + more > array.length) {
                long wanted = Math.max((long) array.length * 2, (long) size + more);
                if (wanted > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("a block cannot exceed 2 GiB");
                }
                array = Arrays.copyOf(array, (int) wanted);
            }
        }

        void int8(int value) {
            room(1);
            array[size++] = (byte) value;
        }

        void int32(int value) {
            room(4);
            putInt32(size, value);
            size += 4;
        }

        void putInt32(int at, int value) {
            array[at] = (byte) (value >>> 24);
            array[at + 1] = (byte) (value >>> 16);
            array[at + 2] = (byte) (value >>> 8);
            array[at + 3] = (byte) value;
        }

        void int64(long value) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                array[size++] = (byte) (value >>> shift);
            }
        }

        void varint(int value) {
            varlong(Integer.toUnsignedLong(value));
        }

        /** Unsigned LEB128; negative values take ten bytes, which only odd broker sequences have. */
        void varlong(long value) {
            room(10);
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                array[size++] = (byte) ((rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            array[size++] = (byte) rest;
        }

        /**
         * Writes the string; returns the offset of its UTF-8 bytes, which the key filter hashes in place. ASCII, the
         * common case, is copied char by char without an intermediate array.
         */
        int string(String value) {
            int length = value.length();
            int start = size;
            room(5 + length);
            varint(length);
            int at = size;
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    size = start;
                    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                    varint(utf8.length);
                    int utf8At = size;
                    bytes(utf8, 0, utf8.length);
                    return utf8At;
                }
                array[at + i] = (byte) c;
            }
            size = at + length;
            return at;
        }

        void bytes(byte[] source, int offset, int length) {
            room(length);
            System.arraycopy(source, offset, array, size, length);
            size += length;
        }
    }
}
