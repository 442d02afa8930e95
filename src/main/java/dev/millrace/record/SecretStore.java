package dev.millrace.record;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where secret connection options live: never in the database. The OS keychain where one is reachable, otherwise
 * an encrypted file whose key is kept in a separate file. Implementations are thread-safe.
 */
public sealed interface SecretStore permits SecretToolKeychain, EncryptedFileSecretStore {

    Optional<String> get(String key);

    void put(String key, String secret);

    void remove(String key);

    /** Says where secrets go, for the settings screen and the logs; never contains a secret. */
    String description();

    /**
     * The keychain when one works on this machine (on Linux: {@code secret-tool} with a running secret service),
     * otherwise the encrypted file store in {@code dataDirectory}.
     */
    static SecretStore forDataDirectory(Path dataDirectory) {
        return SecretToolKeychain.ifAvailable()
                .<SecretStore>map(keychain -> keychain)
                .orElseGet(() -> new EncryptedFileSecretStore(dataDirectory));
    }
}
