package dev.millrace.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DroppingRingTest {

    @Test
    void aFullRingKeepsTheNewestElementsAndCountsTheOverwrittenOnesAsDropped() {
        DroppingRing<Integer> ring = new DroppingRing<>(3);
        for (int i = 1; i <= 5; i++) {
            ring.add(i);
        }

        List<Integer> drained = new ArrayList<>();
        ring.drainTo(drained, 10);

        assertThat(drained).containsExactly(3, 4, 5);
        assertThat(ring.dropped()).isEqualTo(2);
        assertThat(ring.size()).isZero();
    }

    @Test
    void drainingTakesAtMostTheAskedNumberOldestFirst() {
        DroppingRing<Integer> ring = new DroppingRing<>(4);
        List.of(1, 2, 3).forEach(ring::add);

        List<Integer> first = new ArrayList<>();
        ring.drainTo(first, 2);

        assertThat(first).containsExactly(1, 2);
        assertThat(ring.snapshot()).containsExactly(3);
    }
}
