package dev.millrace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.millrace.message.Envelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries stored in blocks: written with blocks of {@value #BLOCK} entries so that block boundaries fall inside
 * pages and filters. Message i (from 1) arrives at T0 + i ms on "even" or "odd", key "k" + (i mod 10), correlation id
 * "c" + i; entry 50 is a gap marker.
 */
class BlockStorageTest {
    private static final int BLOCK = 7;
    private static final int ENTRIES = 100;
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path directory;
    private RecordStore store;
    private long sessionId;

    @BeforeEach
    void writeSession() {
        store = StoreFixture.open(directory);
        List<RecordedEntry> entries = new ArrayList<>();
        for (int i = 1; i <= ENTRIES; i++) {
            entries.add(i == 50 ? new GapMarker(0, i, "memory", null, "even", T0.plusMillis(i), i, 3) : message(i));
        }
        sessionId = writeBlocks(store, "blocks", entries, BLOCK);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aPageStartingAndEndingInsideBlocksHoldsExactlyTheNextEntries() {
        Page page = store.query().read(sessionId, MessageFilter.ALL, 5, 10);

        assertThat(page.entries()).extracting(RecordedEntry::seq).containsExactly(6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L,
                14L, 15L);
        assertThat(page.lastSeq()).isEqualTo(15);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void theLastPageSaysThereIsNoMore() {
        Page page = store.query().read(sessionId, MessageFilter.ALL, 95, 10);

        assertThat(page.entries()).extracting(RecordedEntry::seq).containsExactly(96L, 97L, 98L, 99L, 100L);
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void everyEntryReadsBackAsWritten() {
        List<RecordedEntry> all = RecordedSessions.entries(store, sessionId);

        assertThat(all).hasSize(ENTRIES);
        assertThat(all.get(0)).isEqualTo(inSession(message(1), sessionId));
        assertThat(all.get(49)).isEqualTo(new GapMarker(sessionId, 50, "memory", null, "even", T0.plusMillis(50), 50,
                3));
    }

    @Test
    void aKeyMatchingInTheMiddleOfBlocksIsFoundInEveryBlock() {
        List<RecordedEntry> found = store.query().read(sessionId, MessageFilter.ALL.withKey("k3"), 0, 100).entries();

        assertThat(found).extracting(RecordedEntry::seq).containsExactly(3L, 13L, 23L, 33L, 43L, 53L, 63L, 73L, 83L,
                93L);
    }

    @Test
    void aCorrelationIdInTheMiddleOfABlockIsFoundAlone() {
        List<RecordedEntry> found = store.query().read(sessionId, MessageFilter.ALL.withCorrelationId("c60"), 0, 10)
                .entries();

        assertThat(found).extracting(RecordedEntry::seq).containsExactly(60L);
    }

    @Test
    void aTimeRangeCrossingBlockBoundariesIsExact() {
        List<RecordedEntry> found = store.query().read(sessionId,
                MessageFilter.ALL.receivedBetween(T0.plusMillis(12), T0.plusMillis(30)), 0, 100).entries();

        assertThat(found).extracting(RecordedEntry::seq).containsExactlyElementsOf(
                LongStream.rangeClosed(12, 29).boxed().toList());
    }

    @Test
    void topicPagesContinueAcrossBlocksWithoutRepeatingOrSkipping() {
        List<Long> seen = new ArrayList<>();
        long after = 0;
        while (true) {
            Page page = store.query().read(sessionId, MessageFilter.ALL.withTopic("odd"), after, 4);
            page.entries().forEach(entry -> seen.add(entry.seq()));
            if (!page.hasMore()) {
                break;
            }
            after = page.lastSeq();
        }

        assertThat(seen).hasSize(50).allMatch(seq -> seq % 2 == 1).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void countsFromIndexRowsAgreeWithScans() {
        assertThat(store.query().count(sessionId, MessageFilter.ALL)).isEqualTo(ENTRIES);
        assertThat(store.query().count(sessionId, MessageFilter.ALL.withTopic("even"))).isEqualTo(50);
        assertThat(store.query().count(sessionId, MessageFilter.ALL.withTopic("even").withKey("k2"))).isEqualTo(10);
        assertThat(store.query().count(sessionId, MessageFilter.ALL.withHeader("parity", "odd"))).isEqualTo(50);
        assertThat(store.query().count(sessionId, MessageFilter.ALL.withPayloadText("payload 7"))).isEqualTo(11);
    }

    @Test
    void correlatedFindsTheChainAcrossSessionsInSessionOrder() {
        long other = writeBlocks(store, "other", List.of(message(1), message(2), message(60)), 2);

        List<RecordedMessage> chain = store.query().correlated("c60", 10);

        assertThat(chain).extracting(RecordedMessage::sessionId, RecordedMessage::seq)
                .containsExactly(tuple(sessionId, 60L),
                        tuple(other, 60L));
    }

    @Test
    void aSixteenMebibyteMessageSharesABlockWithSmallOnesAndReadsBackWhole() {
        byte[] big = new byte[16 << 20];
        new Random(16).nextBytes(big);
        RecordedMessage large = new RecordedMessage(0, 2, "large", "profile", envelope(2, "big"), null, Map.of(), big);
        long id = writeBlocks(store, "large", List.of(message(1), large, message(3)), BlockTable.MAX_ENTRIES);

        List<RecordedEntry> entries = RecordedSessions.entries(store, id);

        assertThat(entries).hasSize(3);
        assertThat(((RecordedMessage) entries.get(1)).payload()).isEqualTo(big);
        assertThat(store.query().read(id, MessageFilter.ALL.withPayloadText("payload 3"), 0, 10).entries())
                .extracting(RecordedEntry::seq).containsExactly(3L);
    }

    @Test
    void everyEnvelopeVariantSurvivesTheBlockLayout() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("z", "last name first");
        metadata.put("émoji", "🙂");
        metadata.put("empty", "");
        metadata.put("quote\"", "line\nbreak\u0001\u2028\"\\");
        List<RecordedEntry> entries = List.of(
                new RecordedMessage(0, 10, "id-1", null, new Envelope(null, "t", null, Envelope.NONE, Envelope.NONE,
                        null, T0, -5, false), null, Map.of(), new byte[0]),
                new RecordedMessage(0, 11, "id-2", "p", new Envelope("kafka", "t/ü", "key ü\t𝄞", 2_000_000_000,
                        Long.MAX_VALUE, T0.minusSeconds(1), T0.plusNanos(1), Long.MIN_VALUE, true), "c", metadata,
                        new byte[] {(byte) 0xC3, 0x28, 0, (byte) 0xFF}),
                new RecordedMessage(0, 14, "id-3", "p", new Envelope("nats", "t", "", 0, -7, null, T0.minusNanos(1),
                        0, false), "", Map.of("a", "b"), "text".getBytes(StandardCharsets.UTF_8)),
                new GapMarker(0, 20, null, null, "t", T0, 1, Long.MAX_VALUE));
        long id = writeBlocks(store, "variants", entries, 2);

        List<RecordedEntry> read = RecordedSessions.entries(store, id);

        assertThat(read).containsExactlyElementsOf(entries.stream().map(entry -> inSession(entry, id)).toList());
        assertThat(((RecordedMessage) read.get(1)).metadata().keySet())
                .containsExactly("z", "émoji", "empty", "quote\"");
        assertThat(exportedFromBlocks(id)).isEqualTo(exportedFromEntries(read));
    }

    @Test
    void theExportStraightFromBlocksWritesExactlyWhatTheDecodedEntriesWrite() {
        assertThat(exportedFromBlocks(sessionId)).isEqualTo(
                exportedFromEntries(RecordedSessions.entries(store, sessionId)));
    }

    private String exportedFromBlocks(long id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            JsonLinesWriter writer = new JsonLinesWriter(out);
            store.query().forEachEncoded(id, MessageFilter.ALL, reader -> {
                try {
                    writer.write(reader);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return true;
            });
            writer.end(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String exportedFromEntries(List<RecordedEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            JsonLinesWriter writer = new JsonLinesWriter(out);
            for (RecordedEntry entry : entries) {
                writer.write(entry);
            }
            writer.end(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aJsonLinesExportOfBlocksMatchesTheEntriesInOrder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportResult result = store.exporter().export(sessionId, MessageFilter.ALL.withTopic("odd"),
                ExportFormat.JSONL, out);

        assertThat(result.messages()).isEqualTo(50);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().skip(1).limit(2))
                .allSatisfy(line -> assertThat(line).contains("\"topic\":\"odd\""));
    }

    @Test
    void theKeyFilterFindsEveryValueAddedAndFewOthers() {
        KeyFilter.Builder builder = new KeyFilter.Builder();
        for (int i = 0; i < 1000; i++) {
            byte[] value = ("present-" + i).getBytes(StandardCharsets.UTF_8);
            builder.add(KeyFilter.KEY, value, 0, value.length);
        }
        byte[] filter = builder.build();

        for (int i = 0; i < 1000; i++) {
            assertThat(KeyFilter.mightContain(filter, KeyFilter.KEY, "present-" + i)).isTrue();
        }
        long falsePositives = IntStream.range(0, 10_000)
                .filter(i -> KeyFilter.mightContain(filter, KeyFilter.KEY, "absent-" + i)).count();
        assertThat(falsePositives).isLessThan(300);
        assertThat(KeyFilter.mightContain(filter, KeyFilter.CORRELATION_ID, "present-1")).isFalse();
    }

    /** Writes {@code entries} into a new complete session as blocks of {@code blockEntries} entries. */
    static long writeBlocks(RecordStore store, String name, List<? extends RecordedEntry> entries, int blockEntries) {
        return store.database().transaction(connection -> {
            long id = SessionTable.insert(connection, new SessionTable.NewSession(name, SessionStatus.COMPLETE, T0,
                    T0, "memory", null, Map.of(), List.of(), "", entries.size(), entries.size(), 0));
            try (BlockWriter blocks = new BlockWriter(connection, id, blockEntries, BlockTable.MAX_BYTES)) {
                for (RecordedEntry entry : entries) {
                    blocks.add(entry);
                }
                blocks.flush();
            }
            return id;
        });
    }

    private static RecordedEntry inSession(RecordedEntry entry, long id) {
        return switch (entry) {
            case RecordedMessage message -> new RecordedMessage(id, message.seq(), message.messageId(),
                    message.profileName(), message.envelope(), message.correlationId(), message.metadata(),
                    message.payload());
            case GapMarker gap -> new GapMarker(id, gap.seq(), gap.brokerId(), gap.profileName(), gap.topic(),
                    gap.receivedAt(), gap.receivedNanos(), gap.droppedCount());
        };
    }

    private static RecordedMessage message(int i) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("correlation_id", "c" + i);
        metadata.put("parity", i % 2 == 0 ? "even" : "odd");
        return new RecordedMessage(0, i, "m" + i, null, envelope(i, i % 2 == 0 ? "even" : "odd"), "c" + i, metadata,
                ("payload " + i).getBytes(StandardCharsets.UTF_8));
    }

    private static Envelope envelope(int i, String topic) {
        return new Envelope("memory", topic, "k" + i % 10, Envelope.NONE, i, null, T0.plusMillis(i), i, false);
    }
}
