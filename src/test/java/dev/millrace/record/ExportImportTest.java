package dev.millrace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportImportTest {
    private static final byte[] NOT_UTF8 = {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00, (byte) 0x80};

    private Path directory;
    private RecordStore store;
    private SessionInfo recorded;
    private Path export;
    private List<String> exportLines;

    /** One recorded session with every awkward payload and metadata, exported once, shared by the tests. */
    @BeforeAll
    void recordAndExport(@TempDir Path temporary) throws Exception {
        directory = temporary;
        store = StoreFixture.open(directory.resolve("store"));
        Random random = new Random(42);
        byte[] binary = new byte[4096];
        random.nextBytes(binary);
        byte[] big = new byte[16 << 20];
        random.nextBytes(big);
        List<Message> messages = new ArrayList<>(List.of(
                new Message("binary", Metadata.of("kind", "binary"), binary),
                new Message("empty", Metadata.of("kind", "empty"), new byte[0]),
                new Message("big", Metadata.of("kind", "16 MiB"), big),
                new Message("not-utf8", Metadata.of("kind", "not utf-8"), NOT_UTF8),
                new Message("unicode", Metadata.of("ünïcødé ключ", "värdé 🚀 值", "empty", "", Message.CORRELATION_ID,
                        "chain-1"), "héllo ✓ 🚀 \"quoted\", comma\nnew line\u0000nul".getBytes(StandardCharsets.UTF_8)),
                new Message("keyed", new Metadata(), "with a key".getBytes(StandardCharsets.UTF_8))));
        messages.get(5).withKey("customer-7");
        try (BrokerConnection broker = MemoryBroker.persistent("export-import")) {
            recorded = RecordedSessions.record(store, broker, "awkward payloads", "things", messages);
        }
        export = directory.resolve("session.jsonl");
        store.exporter().export(recorded.id(), MessageFilter.ALL, ExportFormat.JSONL, export);
        exportLines = Files.readAllLines(export, StandardCharsets.UTF_8);
    }

    @AfterAll
    void closeStore() {
        store.close();
    }

    @Test
    void jsonLinesExportHasAHeaderOneLinePerMessageAndAnEndLine() {
        assertThat(exportLines).hasSize(1 + 6 + 1);
        assertThat(exportLines.get(0))
                .startsWith("{\"kind\":\"session\",\"format\":\"millrace-session\",\"version\":1");
        assertThat(exportLines.subList(1, 7)).allSatisfy(line -> assertThat(line).startsWith("{\"kind\":\"message\""));
        assertThat(exportLines.get(7)).isEqualTo("{\"kind\":\"end\",\"entries\":6}");
    }

    @Test
    void payloadsAreUtf8TextWhenValidAndBase64OtherwiseWithTheEncodingNamed() {
        assertThat(line("\"id\":\"unicode\"")).contains("\"payload_encoding\":\"utf-8\"")
                .contains("\"payload\":\"héllo ✓ 🚀 \\\"quoted\\\", comma\\nnew line\\u0000nul\"");
        assertThat(line("\"id\":\"not-utf8\"")).contains("\"payload_encoding\":\"base64\"")
                .contains("\"payload\":\"wyj/AIA=\"");
        assertThat(line("\"id\":\"empty\"")).contains("\"payload_encoding\":\"utf-8\",\"payload\":\"\"");
    }

    @Test
    void everyEnvelopeFieldAndTheMetadataInOrderAreInTheExport() {
        assertThat(line("\"id\":\"keyed\"")).contains("\"broker_id\":\"memory\"", "\"profile\":null",
                "\"topic\":\"things\"", "\"key\":\"customer-7\"", "\"partition\":null", "\"sequence\":6",
                "\"broker_timestamp\":\"", "\"received_at\":\"", "\"received_nanos\":", "\"redelivered\":false",
                "\"payload_size\":10", "\"correlation_id\":null");
        assertThat(line("\"id\":\"unicode\"")).contains("\"correlation_id\":\"chain-1\"",
                "\"metadata\":{\"ünïcødé ключ\":\"värdé 🚀 值\",\"empty\":\"\",\"correlation_id\":\"chain-1\"}");
    }

    @Test
    void importRecreatesTheSessionByteForByte() {
        SessionInfo imported = store.importer().importJsonLines(export, null);

        assertThat(imported.id()).isNotEqualTo(recorded.id());
        assertThat(imported.name()).isEqualTo(recorded.name());
        assertThat(imported.status()).isEqualTo(SessionStatus.COMPLETE);
        assertThat(imported.recorded()).isEqualTo(6);
        List<RecordedEntry> original = RecordedSessions.entries(store, recorded.id());
        List<RecordedEntry> copy = RecordedSessions.entries(store, imported.id());
        assertThat(copy).hasSize(original.size());
        for (int i = 0; i < original.size(); i++) {
            RecordedMessage before = (RecordedMessage) original.get(i);
            RecordedMessage after = (RecordedMessage) copy.get(i);
            assertThat(after).isEqualTo(new RecordedMessage(imported.id(), before.seq(), before.messageId(),
                    before.profileName(), before.envelope(), before.correlationId(), before.metadata(),
                    before.payload()));
            assertThat(List.copyOf(after.metadata().keySet())).isEqualTo(List.copyOf(before.metadata().keySet()));
        }
    }

    @Test
    void exportOfTheImportedSessionEqualsTheOriginalExportButForTheSessionId() throws IOException {
        SessionInfo imported = store.importer().importJsonLines(export, null);
        Path again = directory.resolve("again.jsonl");

        store.exporter().export(imported.id(), MessageFilter.ALL, ExportFormat.JSONL, again);

        List<String> againLines = Files.readAllLines(again, StandardCharsets.UTF_8);
        assertThat(againLines.get(0)).isEqualTo(exportLines.get(0)
                .replace("\"session_id\":" + recorded.id() + ",", "\"session_id\":" + imported.id() + ","));
        assertThat(againLines.subList(1, againLines.size())).isEqualTo(exportLines.subList(1, exportLines.size()));
    }

    @Test
    void gapMarkersSurviveTheRoundTrip() throws IOException {
        Path file = directory.resolve("gaps.jsonl");
        Files.writeString(file, String.join("\n", exportLines.get(0),
                "{\"kind\":\"gap\",\"seq\":1,\"broker_id\":\"nats\",\"profile\":\"local\",\"topic\":\"fast\","
                        + "\"received_at\":\"2026-11-26T10:00:00.123456789Z\",\"received_nanos\":42,\"dropped\":17}",
                "{\"kind\":\"end\",\"entries\":1}", ""));

        SessionInfo imported = store.importer().importJsonLines(file, "with a gap");

        assertThat(RecordedSessions.entries(store, imported.id())).containsExactly(new GapMarker(imported.id(), 1,
                "nats", "local", "fast", Instant.parse("2026-11-26T10:00:00.123456789Z"), 42, 17));
        assertThat(imported.dropped()).isEqualTo(17);
    }

    @Test
    void aCorruptLineIsReportedByNumberAndNothingIsImported() throws IOException {
        List<String> corrupt = new ArrayList<>(exportLines);
        corrupt.set(3, corrupt.get(3).replace("\"seq\":3,", "\"seq\":3#"));

        assertImportFailsAtLine(String.join("\n", corrupt) + "\n", 4, "not valid JSON");
    }

    @Test
    void aMangledFieldNameIsReportedRatherThanItsValueLost() throws IOException {
        List<String> mangled = new ArrayList<>(exportLines);
        mangled.set(2, mangled.get(2).replace("\"broker_id\"", "\"br#ker_id\""));

        assertImportFailsAtLine(String.join("\n", mangled) + "\n", 3, "unknown field 'br#ker_id'");
    }

    @Test
    void aFileCutInTheMiddleOfALineIsReportedAtThatLine() throws IOException {
        String whole = String.join("\n", exportLines) + "\n";
        int cut = whole.indexOf("\"id\":\"unicode\"");

        assertImportFailsAtLine(whole.substring(0, cut), 6, "not valid JSON");
    }

    @Test
    void aFileCutAtALineEndIsReportedAsTruncated() throws IOException {
        String cut = String.join("\n", exportLines.subList(0, 5)) + "\n";

        assertImportFailsAtLine(cut, 6, "truncated");
    }

    @Test
    void aDamagedPayloadIsCaughtByItsSize() throws IOException {
        List<String> damaged = new ArrayList<>(exportLines);
        int keyed = damaged.indexOf(line("\"id\":\"keyed\""));
        damaged.set(keyed, damaged.get(keyed).replace("with a key", "with a ke"));

        assertImportFailsAtLine(String.join("\n", damaged) + "\n", keyed + 1, "payload_size says 10");
    }

    @Test
    void bytesThatAreNotUtf8TextAreReportedByLine() throws IOException {
        byte[] good = (String.join("\n", exportLines.subList(0, 2)) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] file = Arrays.copyOf(good, good.length + 3);
        file[good.length] = (byte) 0xFF;
        file[good.length + 1] = (byte) 0xFE;
        file[good.length + 2] = '\n';

        int before = store.query().sessions().size();
        assertThatThrownBy(() -> store.importer().importJsonLines(new ByteArrayInputStream(file), "bytes.jsonl", null,
                "bytes")).isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("bytes.jsonl, line 3").contains("not UTF-8");
                });
        assertThat(store.query().sessions()).hasSize(before);
    }

    @Test
    void csvExportHasOneQuotedRowPerEntry() throws IOException {
        Path csv = directory.resolve("session.csv");

        ExportResult result = store.exporter().export(recorded.id(), MessageFilter.ALL, ExportFormat.CSV, csv);

        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(result.messages()).isEqualTo(6);
        assertThat(text).startsWith("seq,kind,received_at,topic,key,partition,sequence,broker_timestamp,redelivered,"
                + "payload_size,correlation_id,message_id,broker_id,profile,dropped,metadata,payload_encoding,"
                + "payload\r\n");
        assertThat(text).contains(",utf-8,\"héllo ✓ 🚀 \"\"quoted\"\", comma\nnew line\u0000nul\"\r\n");
        assertThat(text).contains(",not-utf8,memory,,,\"{\"\"kind\"\":\"\"not utf-8\"\"}\",base64,wyj/AIA=\r\n")
                .doesNotStartWith("\"");
    }

    private String line(String containing) {
        return exportLines.stream().filter(line -> line.contains(containing)).findFirst().orElseThrow();
    }

    private void assertImportFailsAtLine(String content, long line, String problem) throws IOException {
        Path file = directory.resolve("broken-" + line + "-" + System.nanoTime() + ".jsonl");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        int before = store.query().sessions().size();

        assertThatThrownBy(() -> store.importer().importJsonLines(file, null))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).contains("line " + line).contains(problem)
                            .contains("nothing was imported");
                });
        assertThat(store.query().sessions()).hasSize(before);
    }
}
