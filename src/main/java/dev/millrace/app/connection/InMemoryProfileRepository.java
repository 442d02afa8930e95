package dev.millrace.app.connection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Profiles kept for one run only: for tests, tools and a workbench whose profile store could not open. */
public final class InMemoryProfileRepository implements ProfileRepository {
    private final Map<String, ConnectionProfile> profiles = new LinkedHashMap<>();

    @Override
    public synchronized List<ConnectionProfile> loadAll() {
        return new ArrayList<>(profiles.values());
    }

    @Override
    public synchronized void save(ConnectionProfile profile) {
        profiles.put(profile.id(), profile);
    }

    @Override
    public synchronized void delete(String id) {
        profiles.remove(id);
    }
}
