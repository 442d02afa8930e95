package dev.millrace.broker.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.message.Message;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EntryLogTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final EntryLog log = new EntryLog();

    @Test
    void sequencesStartAtOne() {
        append(3);

        assertThat(log.firstSequence()).isEqualTo(1);
        assertThat(log.nextSequence()).isEqualTo(4);
        assertThat(log.message(2).id()).isEqualTo("2");
    }

    @Test
    void keepsEveryEntryAcrossWrapAroundAndGrowth() {
        append(10);
        for (int i = 0; i < 8; i++) {
            log.removeFirst();
        }

        append(40);

        assertThat(log.firstSequence()).isEqualTo(9);
        assertThat(log.size()).isEqualTo(42);
        for (long sequence = 9; sequence < 51; sequence++) {
            assertThat(log.message(sequence).id()).isEqualTo(String.valueOf(sequence));
            assertThat(log.storedAt(sequence)).isEqualTo(T0.plusSeconds(sequence));
        }
    }

    @Test
    void trimmedSequencesAreNoLongerRetained() {
        append(3);
        log.removeFirst();

        assertThatThrownBy(() -> log.message(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence 1 is not retained (retained: 2 to 3)");
    }

    @Test
    void skippingAdvancesSequencesWithoutStoring() {
        log.skip(5);
        append(1);

        assertThat(log.firstSequence()).isEqualTo(6);
        assertThat(log.message(6).id()).isEqualTo("6");
    }

    @Test
    void findsTheFirstEntryStoredAtOrAfterATime() {
        append(20);

        assertThat(log.firstAtOrAfter(T0.plusSeconds(7))).isEqualTo(7);
        assertThat(log.firstAtOrAfter(T0.plusSeconds(7).plusMillis(1))).isEqualTo(8);
        assertThat(log.firstAtOrAfter(T0)).isEqualTo(1);
        assertThat(log.firstAtOrAfter(T0.plusSeconds(99))).isEqualTo(21);
    }

    /** Appends entries whose id is their sequence and whose time is T0 plus that many seconds. */
    private void append(int count) {
        for (int i = 0; i < count; i++) {
            long sequence = log.nextSequence();
            log.append(StoredMessage.of(new Message(String.valueOf(sequence), new byte[0])), T0.plusSeconds(sequence));
        }
    }
}
