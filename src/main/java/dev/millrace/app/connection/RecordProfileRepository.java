package dev.millrace.app.connection;

import dev.millrace.app.settings.SettingsStore;
import dev.millrace.record.ProfileStore;
import dev.millrace.record.RecordStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Profiles in the record package's profile store, which keeps secret options out of the database (OS keychain or an
 * encrypted file) and keeps "connect on start" with each profile. That store knows profiles by name; this one tracks
 * which name each workbench profile had, so that a rename replaces the old entry.
 *
 * <p>Earlier versions kept "connect on start" as a list of profile names in the settings file; the first load moves
 * that list into the profiles and empties it.
 *
 * <p>Waits for the store to open: called only from background threads.
 */
public final class RecordProfileRepository implements ProfileRepository {
    private final CompletableFuture<RecordStore> store;
    private final SettingsStore settings;
    private final Map<String, String> namesById = new ConcurrentHashMap<>();

    public RecordProfileRepository(CompletableFuture<RecordStore> store, SettingsStore settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public synchronized List<ConnectionProfile> loadAll() {
        ProfileStore profiles = profiles();
        Set<String> legacyConnectOnStart = settings.current().connectOnStart();
        List<ConnectionProfile> loaded = new ArrayList<>();
        for (dev.millrace.record.ConnectionProfile listed : profiles.list()) {
            Optional<dev.millrace.record.ConnectionProfile> found = profiles.find(listed.name());
            if (found.isEmpty()) {
                continue;
            }
            dev.millrace.record.ConnectionProfile full = found.get();
            if (!full.connectOnStart() && legacyConnectOnStart.contains(full.name())) {
                full = new dev.millrace.record.ConnectionProfile(full.name(), full.adapterId(), full.options(), true);
                profiles.save(full);
            }
            namesById.put(full.name(), full.name());
            loaded.add(new ConnectionProfile(full.name(), full.name(), full.adapterId(), full.options(),
                    full.connectOnStart()));
        }
        if (!legacyConnectOnStart.isEmpty()) {
            settings.update(current -> current.withConnectOnStart(Set.of()));
        }
        return loaded;
    }

    @Override
    public synchronized void save(ConnectionProfile profile) {
        ProfileStore profiles = profiles();
        String previousName = namesById.get(profile.id());
        profiles.save(new dev.millrace.record.ConnectionProfile(profile.name(), profile.adapterId(), profile.options(),
                profile.connectOnStart()));
        if (previousName != null && !previousName.equals(profile.name())) {
            profiles.delete(previousName);
        }
        namesById.put(profile.id(), profile.name());
    }

    @Override
    public synchronized void delete(String id) {
        String name = namesById.remove(id);
        if (name != null) {
            profiles().delete(name);
        }
    }

    private ProfileStore profiles() {
        return store.join().profiles();
    }
}
