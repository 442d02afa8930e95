package dev.millrace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedRunsTest {

    @Test
    void oneDisturbedRoundDoesNotMoveTheMedians() {
        InterleavedRuns runs = new InterleavedRuns(List.of(100.0, 10.0, 90.0, 110.0, 95.0),
                List.of(100.0, 100.0, 100.0, 100.0, 5.0));

        assertThat(runs.adapterMedian()).isEqualTo(95.0);
        assertThat(runs.rawMedian()).isEqualTo(100.0);
        assertThat(runs.pairedRatioMedian()).isCloseTo(1.0, within(1e-9));
        assertThat(runs.pairedRatioMin()).isCloseTo(0.1, within(1e-9));
        assertThat(runs.pairedRatioMax()).isCloseTo(19.0, within(1e-9));
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
        InterleavedRuns runs = new InterleavedRuns(List.of(1.0, 4.0, 2.0, 3.0), List.of(1.0, 1.0, 1.0, 1.0));

        assertThat(runs.adapterMedian()).isEqualTo(2.5);
    }

    @Test
    void adapterAndRawRoundsMustPairUp() {
        assertThatThrownBy(() -> new InterleavedRuns(List.of(1.0, 2.0), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InterleavedRuns(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
