package dev.millrace.record;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets in an AES-256-GCM encrypted file ({@value #SECRETS_FILE}) whose key is a separate file
 * ({@value #KEY_FILE}, readable by the owner only) in the data directory. Neither is the database: a copy of the
 * database file, an export or a log never carries a secret. It does not protect against someone who can read the
 * whole data directory as the user; that is what an OS keychain is for.
 */
public final class EncryptedFileSecretStore implements SecretStore {
    static final String KEY_FILE = "secrets.key";
    static final String SECRETS_FILE = "secrets.enc";
    private static final byte[] MAGIC = "MRS1".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    public EncryptedFileSecretStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(load().get(key));
    }

    @Override
    public synchronized void put(String key, String secret) {
        Map<String, String> secrets = load();
        secrets.put(key, secret);
        save(secrets);
    }

    @Override
    public synchronized void remove(String key) {
        Map<String, String> secrets = load();
        if (secrets.remove(key) != null) {
            save(secrets);
        }
    }

    @Override
    public String description() {
        return "encrypted file " + directory.resolve(SECRETS_FILE) + " (key in " + directory.resolve(KEY_FILE) + ")";
    }

    private Map<String, String> load() {
        Path file = directory.resolve(SECRETS_FILE);
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            byte[] content = Files.readAllBytes(file);
            if (content.length < MAGIC.length + IV_BYTES || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0,
                    MAGIC.length)) {
                throw new RecordStoreException("the secret store " + file + " is not a Millrace secret file");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(), "AES"),
                    new GCMParameterSpec(TAG_BITS, content, MAGIC.length, IV_BYTES));
            cipher.updateAAD(MAGIC);
            byte[] plain = cipher.doFinal(content, MAGIC.length + IV_BYTES, content.length - MAGIC.length - IV_BYTES);
            return JSON.readValue(plain, new TypeReference<TreeMap<String, String>>() {
            });
        } catch (GeneralSecurityException e) {
            throw new RecordStoreException("cannot decrypt the secret store " + file + " with the key in "
                    + directory.resolve(KEY_FILE) + " (was one of them replaced?)", e);
        } catch (IOException e) {
            throw new RecordStoreException("cannot read the secret store " + file + ": " + e.getMessage(), e);
        }
    }

    private void save(Map<String, String> secrets) {
        Path file = directory.resolve(SECRETS_FILE);
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(MAGIC);
            byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(secrets));
            ByteBuffer content = ByteBuffer.allocate(MAGIC.length + IV_BYTES + sealed.length);
            content.put(MAGIC).put(iv).put(sealed);
            Path temporary = Files.createTempFile(directory, SECRETS_FILE, ".tmp", ownerOnly());
            try {
                Files.write(temporary, content.array());
                moveIntoPlace(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (GeneralSecurityException e) {
            throw new RecordStoreException("cannot encrypt the secret store: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RecordStoreException("cannot write the secret store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The key, created (owner-only) on first use. */
    private byte[] key() throws IOException {
        Path file = directory.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            Files.createDirectories(directory);
            byte[] key = new byte[KEY_BYTES];
            RANDOM.nextBytes(key);
            try {
                Files.write(Files.createFile(file, ownerOnly()), key);
                return key;
            } catch (FileAlreadyExistsException raced) {
                // another store instance created it first; read theirs below
            }
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != KEY_BYTES) {
            throw new RecordStoreException("the secret key file " + file + " is damaged (" + key.length
                    + " bytes, expected " + KEY_BYTES + ")");
        }
        return key;
    }

    private static void moveIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Owner read/write where the file system has POSIX permissions; Windows profiles are per-user already. */
    private FileAttribute<?>[] ownerOnly() {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }
}
