package dev.millrace.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 text line by line, decoding each line on its own so that a byte that is not UTF-8 is reported on the
 * line it is on (a reader decoding ahead in blocks would report it early). Splitting on the byte {@code \n} is safe:
 * in UTF-8 that byte never occurs inside a multi-byte character. Holds one line at a time.
 */
final class LineReader {
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1 << 12];

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its line end ({@code \n} or {@code \r\n}), or null at the end of the input. */
    String readLine() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? decode(length) : null;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            if (position < limit) {
                position++;
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return decode(length);
            }
        }
    }

    private String decode(int length) throws CharacterCodingException {
        return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
    }
}
