package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureTableTest {
    private final FeatureTable table = FeatureTable.of(SampleResults.threeBrokers().brokers());

    private List<String> row(String aspect) {
        return table.rows().stream().filter(row -> row.aspect().equals(aspect)).findFirst().orElseThrow().cells();
    }

    @Test
    void everyAspectTheComparisonPromisesHasARow() {
        assertThat(table.rows()).extracting(FeatureTable.Row::aspect).containsExactly("Ordering", "Persistence",
                "Consumer groups", "Routing / keys", "Wildcard subscriptions", "Replay / start positions",
                "Partitions", "Exactly-once delivery", "Largest payload");
    }

    @Test
    void orderingIsReadFromTheOrderFeatures() {
        assertThat(row("Ordering")).containsExactly("with a single subscriber", "per key / partition",
                "not guaranteed");
    }

    @Test
    void partitionsReadInParallelWhereTheBrokerDeclaresParallelStreams() {
        assertThat(row("Partitions")).containsExactly("no", "yes, read in parallel", "no");
    }

    @Test
    void aBrokerThatWasNotReachedShowsItsAdaptersDeclaration() {
        assertThat(row("Wildcard subscriptions")).containsExactly("no", "no", "yes");
        assertThat(table.declaredOnly()).containsExactly(false, false, true);
    }

    @Test
    void anUnknownAdapterShowsQuestionMarks() {
        BrokerResult unknown = new BrokerResult("x", "x", "x", Map.of(), BrokerFeatures.UNKNOWN, List.of(),
                new RunOutcome.Failed("no adapter"));

        assertThat(FeatureTable.of(List.of(unknown)).rows()).allSatisfy(row -> assertThat(row.cells())
                .containsExactly("?"));
    }

    @Test
    void theMemoryBrokerWithoutPersistenceSaysSoInItsColumn() {
        ComparisonResult result = new ComparisonRunner(TestWorkloads.quickSettings()).run(
                TestWorkloads.shortMaxThroughput().withMessages(10),
                List.of(TestWorkloads.memory().withOption("persistent", "false")), event -> { }, new CancelFlag());

        FeatureTable memory = FeatureTable.of(result.brokers());

        assertThat(memory.rows().get(1).cells()).containsExactly("no");
    }
}
