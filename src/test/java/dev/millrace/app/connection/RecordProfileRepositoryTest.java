package dev.millrace.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.millrace.app.settings.SettingsStore;
import dev.millrace.record.RecordStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordProfileRepositoryTest {
    @TempDir
    Path dataDirectory;

    private RecordStore store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void connectOnStartIsSavedWithTheProfileAndReadBackAfterARestart() {
        RecordProfileRepository repository = open();
        repository.save(ConnectionProfile.create("Local NATS", "memory", Map.of(), true));
        repository.save(ConnectionProfile.create("Staging", "memory", Map.of(), false));
        store.close();

        List<ConnectionProfile> loaded = open().loadAll();

        assertThat(loaded).extracting(ConnectionProfile::name, ConnectionProfile::connectOnStart)
                .containsExactlyInAnyOrder(tuple("Local NATS", true),
                        tuple("Staging", false));
        assertThat(new SettingsStore(settingsFile()).current().connectOnStart()).isEmpty();
    }

    @Test
    void theSettingsFileListOfEarlierVersionsMovesIntoTheProfilesOnceAndLeavesTheFile() throws IOException {
        RecordProfileRepository repository = open();
        repository.save(ConnectionProfile.create("Local NATS", "memory", Map.of(), false));
        repository.save(ConnectionProfile.create("Staging", "memory", Map.of(), false));
        store.close();
        SettingsStore settings = new SettingsStore(settingsFile());
        settings.update(current -> current.withConnectOnStart(Set.of("Local NATS")));
        assertThat(Files.readString(settingsFile())).contains("connectOnStart");

        List<ConnectionProfile> migrated = open().loadAll();
        store.close();
        List<ConnectionProfile> afterRestart = open().loadAll();

        assertThat(migrated).filteredOn(ConnectionProfile::connectOnStart).extracting(ConnectionProfile::name)
                .containsExactly("Local NATS");
        assertThat(afterRestart).filteredOn(ConnectionProfile::connectOnStart).extracting(ConnectionProfile::name)
                .containsExactly("Local NATS");
        assertThat(Files.readString(settingsFile())).doesNotContain("connectOnStart");
    }

    private RecordProfileRepository open() {
        store = RecordStore.open(dataDirectory);
        return new RecordProfileRepository(CompletableFuture.completedFuture(store), new SettingsStore(settingsFile()));
    }

    private Path settingsFile() {
        return dataDirectory.resolve("workbench.json");
    }
}
