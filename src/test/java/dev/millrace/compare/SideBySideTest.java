package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    @Test
    void everyRunsColumnsFollowEachOtherLabelledWithTheirRunsStartTime() {
        ComparisonResult first = SampleResults.threeBrokers();
        ComparisonResult second = later(first, Instant.parse("2026-11-16T09:30:00Z"));

        ComparisonResult combined = ComparisonResult.sideBySide(List.of(first, second));

        assertThat(combined.brokers()).extracting(BrokerResult::label).containsExactly(
                "fast @ 11-15 10:00:00", "partitioned @ 11-15 10:00:00", "gone @ 11-15 10:00:00",
                "fast @ 11-16 09:30:00", "partitioned @ 11-16 09:30:00", "gone @ 11-16 09:30:00");
        assertThat(combined.brokers()).extracting(BrokerResult::outcome)
                .containsExactlyElementsOf(List.of(first.brokers().get(0).outcome(), first.brokers().get(1).outcome(),
                        first.brokers().get(2).outcome(), second.brokers().get(0).outcome(),
                        second.brokers().get(1).outcome(), second.brokers().get(2).outcome()));
        assertThat(combined.startedAt()).isEqualTo(first.startedAt());
        assertThat(combined.finishedAt()).isEqualTo(second.finishedAt());
    }

    @Test
    void eachColumnNotesWhichRunItCameFromAndTheWorkloadWhenRunsDiffer() {
        ComparisonResult first = SampleResults.threeBrokers();
        ComparisonResult other = new ComparisonResult("20261116-093000-short-rate-aaaaaa",
                TestWorkloads.shortFixedRate(100), Instant.parse("2026-11-16T09:30:00Z"),
                Instant.parse("2026-11-16T09:31:00Z"), first.environment(), null, first.brokers().subList(0, 1),
                List.of());

        ComparisonResult same = ComparisonResult.sideBySide(List.of(first, first));
        ComparisonResult mixed = ComparisonResult.sideBySide(List.of(first, other));

        assertThat(same.brokers().getFirst().notes()).containsExactly("from run " + first.id());
        assertThat(mixed.brokers().getLast().notes()).containsExactly("from run " + other.id()
                + ", workload short-rate");
    }

    @Test
    void nothingToSetSideBySideIsRefused() {
        assertThatThrownBy(() -> ComparisonResult.sideBySide(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ComparisonResult later(ComparisonResult run, Instant started) {
        return new ComparisonResult(run.id() + "-later", run.workload(), started, started.plusSeconds(30),
                run.environment(), null, run.brokers(), List.of());
    }
}
