package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonStoreTest {
    @TempDir
    Path dataDirectory;

    @Test
    void aSavedComparisonLoadsBackEqual() {
        ComparisonStore store = new ComparisonStore(dataDirectory);
        ComparisonResult result = SampleResults.threeBrokers();

        store.save(result);

        assertThat(store.load(result.id())).contains(result);
    }

    @Test
    void comparisonsAreKeptAsJsonFilesInTheDataDirectory() {
        Path file = new ComparisonStore(dataDirectory).save(SampleResults.threeBrokers());

        assertThat(file.getParent()).isEqualTo(dataDirectory.resolve("comparisons"));
        assertThat(file.getFileName().toString()).endsWith(".json");
    }

    @Test
    void theListShowsEachRunWithItsWorkloadAndBrokers() {
        ComparisonStore store = new ComparisonStore(dataDirectory);
        store.save(SampleResults.threeBrokers());

        assertThat(store.list()).singleElement().satisfies(entry -> {
            assertThat(entry.workload()).isEqualTo("short-max");
            assertThat(entry.brokers()).containsExactly("fast", "partitioned", "gone");
        });
    }

    @Test
    void aRealRunOnTheMemoryBrokerSurvivesTheRoundTrip() {
        ComparisonStore store = new ComparisonStore(dataDirectory);
        ComparisonResult result = new ComparisonRunner(TestWorkloads.quickSettings()).run(
                TestWorkloads.shortRouterHop(), List.of(TestWorkloads.memory()), event -> { }, new CancelFlag());

        store.save(result);

        assertThat(store.load(result.id())).contains(result);
    }

    @Test
    void anUnreadableFileIsSkippedInTheList() throws Exception {
        ComparisonStore store = new ComparisonStore(dataDirectory);
        store.save(SampleResults.threeBrokers());
        Files.writeString(store.directory().resolve("broken.json"), "{not json");

        assertThat(store.list()).hasSize(1);
    }

    @Test
    void anIdThatLeavesTheDirectoryFindsNothing() {
        assertThat(new ComparisonStore(dataDirectory).load("../../etc/passwd")).isEmpty();
    }
}
