package dev.millrace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One session of 250 entries: message i arrives at T0 + i seconds on topic "orders" (i even) or "payments" (odd),
 * with key "k" + (i mod 5), header region = "eu" for i mod 3 == 0 else "eu-west", correlation id "c" + (i / 2)
 * and payload "payload i" behind two binary bytes; entry 100 is a gap marker on "orders".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionQueryTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final int ENTRIES = 250;

    private RecordStore store;
    private long sessionId;

    @BeforeAll
    void importSession(@TempDir Path temporary) {
        store = StoreFixture.open(temporary);
        List<RecordedEntry> entries = new ArrayList<>();
        for (int i = 1; i <= ENTRIES; i++) {
            entries.add(i == 100 ? gap(i) : message(i));
        }
        sessionId = SessionFiles.importEntries(store, "query", entries).id();
    }

    @AfterAll
    void closeStore() {
        store.close();
    }

    @Test
    void keysetPagingVisitsEveryEntryOnceInSequenceOrder() {
        List<Long> seen = new ArrayList<>();
        long after = 0;
        int pages = 0;
        while (true) {
            Page page = store.query().read(sessionId, MessageFilter.ALL, after, 40);
            page.entries().forEach(entry -> seen.add(entry.seq()));
            pages++;
            if (!page.hasMore()) {
                break;
            }
            after = page.lastSeq();
        }
        assertThat(pages).isEqualTo(7);
        assertThat(seen).hasSize(ENTRIES).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void topicFilterReturnsThatTopicOnlyGapMarkersIncluded() {
        List<RecordedEntry> orders = readAll(MessageFilter.ALL.withTopic("orders"));

        assertThat(orders).hasSize(125).allSatisfy(entry -> assertThat(entry.topic()).isEqualTo("orders"));
        assertThat(orders).filteredOn(GapMarker.class::isInstance).hasSize(1);
    }

    @Test
    void timeRangeIncludesItsStartAndExcludesItsEnd() {
        List<RecordedEntry> range = readAll(MessageFilter.ALL.receivedBetween(T0.plusSeconds(10), T0.plusSeconds(20)));

        assertThat(range).extracting(RecordedEntry::seq).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L,
                18L, 19L);
    }

    @Test
    void aTimeRangeFindsEntriesReceivedOutOfSequenceOrder() {
        long[] secondsAfterStart = {5, 1, 3, 10, 2, 30, 2};
        List<RecordedEntry> shuffled = new ArrayList<>();
        for (int i = 0; i < secondsAfterStart.length; i++) {
            Instant at = T0.plusSeconds(secondsAfterStart[i]);
            shuffled.add(new RecordedMessage(0, i + 1, "s" + i, null, new Envelope("memory", "t", null,
                    Envelope.NONE, i, null, at, i, false), null, Map.of(), new byte[0]));
        }
        long session = SessionFiles.importEntries(store, "shuffled", shuffled).id();

        Page range = store.query().read(session, MessageFilter.ALL.receivedBetween(T0.plusSeconds(2),
                T0.plusSeconds(4)), 0, 100);

        assertThat(range.entries()).extracting(RecordedEntry::seq).containsExactly(3L, 5L, 7L);
    }

    @Test
    void keyFilterReturnsMessagesWithThatKeyOnly() {
        List<RecordedEntry> keyed = readAll(MessageFilter.ALL.withKey("k3"));

        assertThat(keyed).hasSize(50).allSatisfy(entry ->
                assertThat(((RecordedMessage) entry).envelope().key()).isEqualTo("k3"));
    }

    @Test
    void headerFilterMatchesTheExactValueOnly() {
        List<RecordedEntry> eu = readAll(MessageFilter.ALL.withHeader("region", "eu"));

        assertThat(eu).hasSize(83).allSatisfy(entry ->
                assertThat(((RecordedMessage) entry).metadata()).containsEntry("region", "eu"));
    }

    @Test
    void correlationIdFilterFindsBothMessagesOfAPair() {
        assertThat(readAll(MessageFilter.ALL.withCorrelationId("c21"))).extracting(RecordedEntry::seq)
                .containsExactly(42L, 43L);
    }

    @Test
    void payloadTextIsFoundInsideBinaryPayloads() {
        List<RecordedEntry> found = readAll(MessageFilter.ALL.withPayloadText("payload 12"));

        assertThat(found).extracting(RecordedEntry::seq).containsExactly(12L, 120L, 121L, 122L, 123L, 124L, 125L,
                126L, 127L, 128L, 129L);
    }

    @Test
    void filtersCombineAndContentFiltersLeaveOutGapMarkers() {
        List<RecordedEntry> found = readAll(MessageFilter.ALL.withTopic("orders").withHeader("region", "eu")
                .withPayloadText("payload 1"));

        assertThat(found).extracting(RecordedEntry::seq).containsExactly(12L, 18L, 102L, 108L, 114L, 120L, 126L,
                132L, 138L, 144L, 150L, 156L, 162L, 168L, 174L, 180L, 186L, 192L, 198L);
    }

    @Test
    void pagesOfRowCheckedFiltersContinueWhereTheScanStopped() {
        MessageFilter filter = MessageFilter.ALL.withPayloadText("payload 2");
        Page first = store.query().read(sessionId, filter, 0, 5);
        Page second = store.query().read(sessionId, filter, first.lastSeq(), 5);

        assertThat(first.entries()).extracting(RecordedEntry::seq).containsExactly(2L, 20L, 21L, 22L, 23L);
        assertThat(second.entries()).extracting(RecordedEntry::seq).containsExactly(24L, 25L, 26L, 27L, 28L);
    }

    @Test
    void aPageOfLargePayloadsEndsEarlyAndTheNextOneContinues() {
        byte[] twelveMiB = "x".repeat(12 << 20).getBytes(StandardCharsets.UTF_8);
        List<RecordedEntry> large = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            large.add(new RecordedMessage(0, i, "large-" + i, null, new Envelope("memory", "big", null,
                    Envelope.NONE, i, null, T0, i, false), null, Map.of(), twelveMiB));
        }
        long session = SessionFiles.importEntries(store, "large", large).id();

        Page first = store.query().read(session, MessageFilter.ALL, 0, 100);
        Page second = store.query().read(session, MessageFilter.ALL, first.lastSeq(), 100);

        assertThat(first.entries()).extracting(RecordedEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(first.hasMore()).isTrue();
        assertThat(second.entries()).extracting(RecordedEntry::seq).containsExactly(4L, 5L);
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void countAgreesWithWhatReadingReturns() {
        assertThat(store.query().count(sessionId, MessageFilter.ALL)).isEqualTo(ENTRIES);
        assertThat(store.query().count(sessionId, MessageFilter.ALL.withTopic("payments"))).isEqualTo(125);
        assertThat(store.query().count(sessionId, MessageFilter.ALL.withHeader("region", "eu"))).isEqualTo(83);
    }

    @Test
    void aCorrelationIdIsFollowedAcrossTopicsAndSessions() {
        long other = SessionFiles.importEntries(store, "other", List.of(message(7))).id();

        List<RecordedMessage> chain = store.query().correlated("c3", 100);

        assertThat(chain).extracting(RecordedMessage::sessionId, RecordedMessage::seq, RecordedMessage::topic)
                .containsExactly(tuple(sessionId, 6L, "orders"), tuple(sessionId, 7L, "payments"),
                        tuple(other, 7L, "payments"));
    }

    private List<RecordedEntry> readAll(MessageFilter filter) {
        List<RecordedEntry> entries = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long after = 0;
        while (true) {
            Page page = store.query().read(sessionId, filter, after, 7);
            for (RecordedEntry entry : page.entries()) {
                assertThat(seen.add(entry.seq())).as("entry %s read twice", entry.seq()).isTrue();
                entries.add(entry);
            }
            if (!page.hasMore()) {
                return entries;
            }
            after = page.lastSeq();
        }
    }

    private static RecordedMessage message(int i) {
        String topic = i % 2 == 0 ? "orders" : "payments";
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("region", i % 3 == 0 ? "eu" : "eu-west");
        metadata.put("note", "not the region eu");
        metadata.put(Message.CORRELATION_ID, "c" + (i / 2));
        byte[] text = ("payload " + i).getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[text.length + 2];
        payload[0] = (byte) 0xFF;
        payload[1] = (byte) 0xFE;
        System.arraycopy(text, 0, payload, 2, text.length);
        Envelope envelope = new Envelope("memory", topic, "k" + (i % 5), Envelope.NONE, i, T0.plusSeconds(i),
                T0.plusSeconds(i), i, false);
        return new RecordedMessage(0, i, "m" + i, "local", envelope, "c" + (i / 2), metadata, payload);
    }

    private static GapMarker gap(int i) {
        return new GapMarker(0, i, "memory", "local", "orders", T0.plusSeconds(i), i, 3);
    }
}
