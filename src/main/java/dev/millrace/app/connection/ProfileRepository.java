package dev.millrace.app.connection;

import java.util.List;

/** Where connection profiles live between runs. Called off the FX thread. */
public interface ProfileRepository {

    List<ConnectionProfile> loadAll();

    /** Inserts or replaces the profile with this id. */
    void save(ConnectionProfile profile);

    void delete(String id);
}
