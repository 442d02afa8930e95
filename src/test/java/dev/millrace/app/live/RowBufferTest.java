package dev.millrace.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class RowBufferTest {

    @Test
    void trimmingTheFrontAndAppendingKeepsTheNewestRowsInOrderAndReportsARemovalAndAnAddition() {
        RowBuffer<Integer> rows = new RowBuffer<>();
        rows.addAll(IntStream.range(0, 10).boxed().toList());
        List<String> changes = new ArrayList<>();
        rows.addListener((ListChangeListener<Integer>) change -> {
            while (change.next()) {
                changes.add((change.wasRemoved() ? "removed " + change.getRemovedSize() : "")
                        + (change.wasAdded() ? "added " + change.getAddedSize() : "") + " at " + change.getFrom());
            }
        });

        rows.trimFrontAndAppend(4, List.of(10, 11, 12, 13));

        assertThat(rows).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        assertThat(changes).containsExactly("removed 4 at 0", "added 4 at 6");
    }

    @Test
    void behavesLikeAnArrayListUnderMixedEditsWhileWrappingAround() {
        RowBuffer<Integer> rows = new RowBuffer<>();
        List<Integer> expected = new ArrayList<>();
        Random random = new Random(5);
        for (int step = 0; step < 5_000; step++) {
            int value = random.nextInt(1_000);
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    rows.add(value);
                    expected.add(value);
                }
                case 2 -> {
                    int index = random.nextInt(expected.size() + 1);
                    rows.add(index, value);
                    expected.add(index, value);
                }
                case 3 -> {
                    if (!expected.isEmpty()) {
                        int index = random.nextInt(expected.size());
                        assertThat(rows.remove(index)).isEqualTo(expected.remove(index));
                    }
                }
                case 4 -> {
                    int count = Math.min(expected.size(), random.nextInt(5));
                    List<Integer> added = List.of(value, value + 1);
                    rows.trimFrontAndAppend(count, added);
                    expected.subList(0, count).clear();
                    expected.addAll(added);
                }
                default -> {
                    if (!expected.isEmpty()) {
                        int index = random.nextInt(expected.size());
                        rows.set(index, value);
                        expected.set(index, value);
                    }
                }
            }
            assertThat(rows).containsExactlyElementsOf(expected);
        }
    }
}
