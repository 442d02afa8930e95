package dev.millrace.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Bloom filter over the keys and correlation ids of one block's messages: a search for a key or a correlation id
 * decodes only the blocks whose filter says "maybe", about 1 in 100 of the blocks that do not hold it (10 bits per
 * value, 7 probes). Its bytes are stored with the block's index row; the hash (FNV-1a, then the MurmurHash3
 * finalizer) is spelled out here because stored filters must keep meaning the same thing.
 */
final class KeyFilter {
    /** Seeds that keep a key and a correlation id with the same text apart. */
    static final long KEY = 0x6b6579L;
    static final long CORRELATION_ID = 0x636f7272L;
    private static final int PROBES = 7;
    private static final int BITS_PER_VALUE = 10;

    private KeyFilter() {
    }

    /** Whether a block whose filter is {@code filter} may hold {@code value} of the kind {@code seed}. */
    static boolean mightContain(byte[] filter, long seed, byte[] value) {
        if (filter.length == 0) {
            return false;
        }
        long hash = hash(seed, value, 0, value.length);
        long bits = filter.length * 8L;
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32);
        for (int i = 0; i < PROBES; i++) {
            long bit = Integer.toUnsignedLong(h1 + i * h2) % bits;
            if ((filter[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    static boolean mightContain(byte[] filter, long seed, String value) {
        return mightContain(filter, seed, value.getBytes(StandardCharsets.UTF_8));
    }

    static long hash(long seed, byte[] bytes, int offset, int length) {
        long hash = 0xcbf29ce484222325L ^ seed;
        for (int i = offset; i < offset + length; i++) {
            hash ^= bytes[i] & 0xFF;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }

    /** Collects the hashes of a block's values; sizes the filter once their number is known. */
    static final class Builder {
        private long[] hashes = new long[256];
        private int count;

        void add(long seed, byte[] bytes, int offset, int length) {
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
            }
            hashes[count++] = hash(seed, bytes, offset, length);
        }

        /** The filter's bytes (empty when nothing was added); starts over. */
        byte[] build() {
            if (count == 0) {
                return new byte[0];
            }
            int bytes = Math.max(8, (count * BITS_PER_VALUE + 7) / 8);
            byte[] filter = new byte[bytes];
            long bits = bytes * 8L;
            for (int n = 0; n < count; n++) {
                int h1 = (int) hashes[n];
                int h2 = (int) (hashes[n] >>> 32);
                for (int i = 0; i < PROBES; i++) {
                    long bit = Integer.toUnsignedLong(h1 + i * h2) % bits;
                    filter[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                }
            }
            count = 0;
            return filter;
        }
    }
}
