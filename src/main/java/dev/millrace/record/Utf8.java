package dev.millrace.record;

/**
 * Checks bytes for well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), the
 * same rule as the JDK's decoder, so that bytes that pass decode to a string which encodes back to the same bytes.
 * A loop over the bytes, because the exporter asks for every payload and a decoder would allocate for each.
 */
final class Utf8 {

    private Utf8() {
    }

    static boolean isValid(byte[] bytes) {
        return isValid(bytes, 0, bytes.length);
    }

    /** Whether {@code bytes[from, to)} is well-formed UTF-8. */
    static boolean isValid(byte[] bytes, int from, int to) {
        int i = from;
        int length = to;
        while (i < length) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int continuation;
            int minimumSecond = 0x80;
            int maximumSecond = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                continuation = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                continuation = 2;
                if (lead == 0xE0) {
                    minimumSecond = 0xA0;
                } else if (lead == 0xED) {
                    maximumSecond = 0x9F;
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                continuation = 3;
                if (lead == 0xF0) {
                    minimumSecond = 0x90;
                } else if (lead == 0xF4) {
                    maximumSecond = 0x8F;
                }
            } else {
                return false;
            }
            if (i + continuation >= length) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < minimumSecond || second > maximumSecond) {
                return false;
            }
            for (int k = 2; k <= continuation; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += continuation + 1;
        }
        return true;
    }
}
