package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.record.RecordStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real H2 file in a temporary data directory, migrated by the same Flyway scripts as the workbench's. */
class ComparisonStoreTest {
    @TempDir
    Path dataDirectory;

    private RecordStore records;
    private ComparisonStore store;

    @BeforeEach
    void open() {
        records = RecordStore.open(dataDirectory);
        store = new ComparisonStore(records);
    }

    @AfterEach
    void close() {
        records.close();
    }

    @Test
    void aSavedComparisonLoadsBackEqual() {
        ComparisonResult result = SampleResults.threeBrokers();

        store.save(result);

        assertThat(store.load(result.id())).contains(result);
    }

    @Test
    void aWorkloadsPublishBatchAndConsumptionLoadBack() {
        ComparisonResult sample = SampleResults.threeBrokers();
        Workload batched = sample.workload().withPublishBatch(250).withConsumeAfterPublishing(true);
        ComparisonResult result = new ComparisonResult(sample.id(), batched, sample.startedAt(), sample.finishedAt(),
                sample.environment(), sample.command(), sample.brokers(), sample.references());

        store.save(result);

        assertThat(store.load(result.id())).map(ComparisonResult::workload).contains(batched);
    }

    @Test
    void comparisonsAreKeptInTheDataDirectorysDatabaseAcrossReopening() throws Exception {
        ComparisonResult result = SampleResults.threeBrokers();
        store.save(result);
        records.close();

        records = RecordStore.open(dataDirectory);
        store = new ComparisonStore(records);

        assertThat(store.load(result.id())).contains(result);
        assertThat(Files.list(dataDirectory).map(path -> path.getFileName().toString()).toList())
                .contains("millrace.mv.db").doesNotContain("comparisons");
    }

    @Test
    void theListShowsEachRunNewestFirstWithItsWorkloadStatusAndBrokers() {
        ComparisonResult older = SampleResults.threeBrokers();
        ComparisonResult newer = new ComparisonResult("20261116-100000-sample-def456", older.workload(),
                Instant.parse("2026-11-16T10:00:00Z"), Instant.parse("2026-11-16T10:00:30Z"), older.environment(),
                null, older.brokers().subList(0, 1), List.of());
        store.save(older);
        store.save(newer);

        assertThat(store.list()).extracting(ComparisonStore.Entry::id).containsExactly(newer.id(), older.id());
        assertThat(store.list().get(1)).satisfies(entry -> {
            assertThat(entry.workload()).isEqualTo("short-max");
            assertThat(entry.status()).isEqualTo("partial");
            assertThat(entry.startedAt()).isEqualTo(older.startedAt());
            assertThat(entry.brokers()).containsExactly("fast", "partitioned", "gone");
        });
        assertThat(store.list().get(0).status()).isEqualTo("complete");
    }

    @Test
    void savingTheSameRunAgainReplacesIt() {
        ComparisonResult result = SampleResults.threeBrokers();
        store.save(result);

        store.save(result.withCommand("millrace compare --again"));

        assertThat(store.list()).hasSize(1);
        assertThat(store.load(result.id())).get().extracting(ComparisonResult::command)
                .isEqualTo("millrace compare --again");
    }

    @Test
    void deleteRemovesTheRunAndItsColumns() {
        ComparisonResult result = SampleResults.threeBrokers();
        store.save(result);

        assertThat(store.delete(result.id())).isTrue();

        assertThat(store.list()).isEmpty();
        assertThat(store.load(result.id())).isEmpty();
        assertThat(store.delete(result.id())).isFalse();
    }

    @Test
    void aRealRunOnTheMemoryBrokerSurvivesTheRoundTrip() {
        ComparisonResult result = new ComparisonRunner(TestWorkloads.quickSettings()).run(
                TestWorkloads.shortRouterHop(), List.of(TestWorkloads.memory()), event -> { }, new CancelFlag());

        store.save(result);

        assertThat(store.load(result.id())).contains(result);
    }

    @Test
    void anUnknownIdFindsNothing() {
        assertThat(store.load("no-such-run")).isEmpty();
    }
}
