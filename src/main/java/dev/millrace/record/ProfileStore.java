package dev.millrace.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saved connection profiles. The options an adapter marks {@link dev.millrace.broker.OptionSpec#secret() secret}
 * (and any option the adapter does not describe) go to the {@link SecretStore}; the {@code profile} table keeps the
 * rest and the names of the secret ones. Thread-safe.
 */
public final class ProfileStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> OPTIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private final Database database;
    private final SecretStore secrets;
    private final OptionCatalog catalog;

    ProfileStore(Database database, SecretStore secrets, OptionCatalog catalog) {
        this.database = database;
        this.secrets = secrets;
        this.catalog = catalog;
    }

    /** Creates or replaces the profile of that name. */
    public synchronized void save(ConnectionProfile profile) {
        String name = checkedName(profile.name());
        Map<String, String> plain = new LinkedHashMap<>();
        List<String> secretNames = new ArrayList<>();
        profile.options().forEach((option, value) -> {
            if (catalog.isSecret(profile.adapterId(), option)) {
                secretNames.add(option);
                secrets.put(secretKey(name, option), value);
            } else {
                plain.put(option, value);
            }
        });
        List<String> previousSecrets = database.transaction(connection -> {
            List<String> previous = secretNames(connection, name);
            Instant now = Instant.now();
            try (PreparedStatement update = connection.prepareStatement("UPDATE profile SET adapter_id = ?, "
                    + "options = ?, secret_names = ?, connect_on_start = ?, updated_at = ? WHERE name = ?")) {
                update.setString(1, profile.adapterId());
                update.setString(2, json(plain));
                update.setString(3, json(secretNames));
                update.setBoolean(4, profile.connectOnStart());
                update.setObject(5, now.atOffset(ZoneOffset.UTC));
                update.setString(6, name);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO profile (name, "
                            + "adapter_id, options, secret_names, connect_on_start, created_at, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                        insert.setString(1, name);
                        insert.setString(2, profile.adapterId());
                        insert.setString(3, json(plain));
                        insert.setString(4, json(secretNames));
                        insert.setBoolean(5, profile.connectOnStart());
                        insert.setObject(6, now.atOffset(ZoneOffset.UTC));
                        insert.setObject(7, now.atOffset(ZoneOffset.UTC));
                        insert.executeUpdate();
                    }
                }
            }
            return previous;
        });
        previousSecrets.stream().filter(option -> !secretNames.contains(option))
                .forEach(option -> secrets.remove(secretKey(name, option)));
        LOG.info("saved connection profile '{}' ({}), {} secret option(s) in {}", name, profile.adapterId(),
                secretNames.size(), secrets.description());
    }

    /** The profile with its secrets, ready to connect with. */
    public Optional<ConnectionProfile> find(String name) {
        return database.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT adapter_id, options, secret_names, connect_on_start FROM profile WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Map<String, String> options = parse(row.getString(2), OPTIONS);
                    for (String option : parse(row.getString(3), NAMES)) {
                        Optional<String> secret = secrets.get(secretKey(name, option));
                        if (secret.isPresent()) {
                            options.put(option, secret.get());
                        } else {
                            LOG.warn("secret option '{}' of profile '{}' is missing from {}", option, name,
                                    secrets.description());
                        }
                    }
                    return Optional.of(new ConnectionProfile(name, row.getString(1), options, row.getBoolean(4)));
                }
            }
        });
    }

    /** Every profile by name, without secret values (use {@link #find} to connect). */
    public List<ConnectionProfile> list() {
        return database.call(connection -> {
            List<ConnectionProfile> profiles = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, adapter_id, options, connect_on_start FROM profile ORDER BY name");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    profiles.add(new ConnectionProfile(row.getString(1), row.getString(2),
                            parse(row.getString(3), OPTIONS), row.getBoolean(4)));
                }
            }
            return profiles;
        });
    }

    /** Deletes the profile and its secrets; false if there was none. */
    public synchronized boolean delete(String name) {
        List<String> secretNames = database.transaction(connection -> {
            List<String> names = secretNames(connection, name);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM profile WHERE name = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate() == 0 ? null : names;
            }
        });
        if (secretNames == null) {
            return false;
        }
        secretNames.forEach(option -> secrets.remove(secretKey(name, option)));
        return true;
    }

    /** {@code options} without the secret ones: what may be stored in a session or shown in an export. */
    public Map<String, String> withoutSecrets(String adapterId, Map<String, String> options) {
        Map<String, String> plain = new LinkedHashMap<>();
        options.forEach((option, value) -> {
            if (!catalog.isSecret(adapterId, option)) {
                plain.put(option, value);
            }
        });
        return plain;
    }

    /** Where the secrets go. */
    public SecretStore secretStore() {
        return secrets;
    }

    private static List<String> secretNames(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT secret_names FROM profile WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? parse(row.getString(1), NAMES) : List.of();
            }
        }
    }

    private static String checkedName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a connection profile needs a name");
        }
        String trimmed = name.strip();
        if (trimmed.length() > 200) {
            throw new IllegalArgumentException("a profile name has at most 200 characters");
        }
        return trimmed;
    }

    private static String secretKey(String profile, String option) {
        return "profile/" + profile + "/" + option;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write profile options as JSON", e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new RecordStoreException("a profile row holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
