package dev.millrace.app.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    @Test
    void utf8TextIsTextAndControlBytesAreBinary() {
        assertThat(Payloads.isText("Grüße, 世界\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Payloads.isText(new byte[] {0x00, 0x01, (byte) 0xff})).isFalse();
    }

    @Test
    void aPreviewIsOneLineAndSaysWhenItIsCut() {
        assertThat(Payloads.preview("line one\nline two".getBytes(StandardCharsets.UTF_8), 100)).isEqualTo("line one line two");
        assertThat(Payloads.preview("abcdefghij".getBytes(StandardCharsets.UTF_8), 4)).isEqualTo("abcd…");
        assertThat(Payloads.preview(new byte[] {0x00, 0x7f}, 10)).isEqualTo("binary 00 7f");
    }

    @Test
    void theHexDumpShowsOffsetsBytesAndPrintableCharacters() {
        assertThat(Payloads.hexDump("Hi!".getBytes(StandardCharsets.US_ASCII), 100))
                .startsWith("00000000  48 69 21").endsWith("|Hi!|\n");
    }

    @Test
    void onlyObjectsAndArraysCountAsJson() {
        assertThat(Payloads.json(" {\"a\": [1, 2]}".getBytes(StandardCharsets.UTF_8))).isPresent();
        assertThat(Payloads.json("42".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Payloads.json("{broken".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
