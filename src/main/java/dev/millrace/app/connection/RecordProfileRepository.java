package dev.millrace.app.connection;

import dev.millrace.app.settings.SettingsStore;
import dev.millrace.record.ProfileStore;
import dev.millrace.record.RecordStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Profiles in the record package's profile store, which keeps secret options out of the database (OS keychain or an
 * encrypted file). That store knows profiles by name; this one tracks which name each workbench profile had, so that
 * a rename replaces the old entry. "Connect on start" is a workbench setting, kept in the settings file.
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
    public List<ConnectionProfile> loadAll() {
        ProfileStore profiles = profiles();
        Set<String> connectOnStart = settings.current().connectOnStart();
        List<ConnectionProfile> loaded = new ArrayList<>();
        for (dev.millrace.record.ConnectionProfile listed : profiles.list()) {
            profiles.find(listed.name()).ifPresent(full -> {
                namesById.put(full.name(), full.name());
                loaded.add(new ConnectionProfile(full.name(), full.name(), full.adapterId(), full.options(),
                        connectOnStart.contains(full.name())));
            });
        }
        return loaded;
    }

    @Override
    public synchronized void save(ConnectionProfile profile) {
        ProfileStore profiles = profiles();
        String previousName = namesById.get(profile.id());
        profiles.save(new dev.millrace.record.ConnectionProfile(profile.name(), profile.adapterId(), profile.options()));
        if (previousName != null && !previousName.equals(profile.name())) {
            profiles.delete(previousName);
        }
        namesById.put(profile.id(), profile.name());
        settings.update(current -> {
            Set<String> names = new TreeSet<>(current.connectOnStart());
            if (previousName != null) {
                names.remove(previousName);
            }
            if (profile.connectOnStart()) {
                names.add(profile.name());
            } else {
                names.remove(profile.name());
            }
            return current.withConnectOnStart(names);
        });
    }

    @Override
    public synchronized void delete(String id) {
        String name = namesById.remove(id);
        if (name == null) {
            return;
        }
        profiles().delete(name);
        settings.update(current -> {
            Set<String> names = new TreeSet<>(current.connectOnStart());
            names.remove(name);
            return current.withConnectOnStart(names);
        });
    }

    private ProfileStore profiles() {
        return store.join().profiles();
    }
}
