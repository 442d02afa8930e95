package dev.millrace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.millrace.broker.BrokerConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SecretsTest {
    private static final String PASSWORD = "pa55-Zebra-Quokka-7731";

    @TempDir
    Path directory;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private RecordStore store;

    @BeforeEach
    void openStoreAndCaptureLogs() {
        logs.start();
        rootLogger().addAppender(logs);
        store = StoreFixture.open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
        rootLogger().detachAppender(logs);
    }

    @Test
    void aSavedProfileComesBackWithItsSecret() {
        store.profiles().save(profile());

        assertThat(store.profiles().find("prod")).contains(profile());
    }

    @Test
    void listedProfilesCarryNoSecretValues() {
        store.profiles().save(profile());

        assertThat(store.profiles().list()).containsExactly(new ConnectionProfile("prod",
                StoreFixture.SECURE_ADAPTER, Map.of("host", "broker.example")));
    }

    @Test
    void optionsAnAdapterDoesNotDescribeAreTreatedAsSecret() {
        Map<String, String> options = Map.of("token", PASSWORD);

        assertThat(store.profiles().withoutSecrets("unknown-adapter", options)).isEmpty();
    }

    @Test
    void theSecretNeverReachesTheDatabaseFileTheLogsOrAnExport() throws Exception {
        store.profiles().save(profile());
        SessionInfo session;
        try (BrokerConnection broker = MemoryBroker.persistent("secrets")) {
            MemoryBroker.publish(broker, "t", MemoryBroker.messages("m", 3));
            Recording recording = store.recorder().start(RecordingRequest.of("with profile", broker, "t")
                    .withProfile(store.profiles().find("prod").orElseThrow()));
            await().until(() -> recording.stats().recorded() == 3);
            recording.close();
            session = store.query().session(recording.sessionId()).orElseThrow();
        }
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        store.exporter().export(session.id(), MessageFilter.ALL, ExportFormat.JSONL, jsonl);
        store.exporter().export(session.id(), MessageFilter.ALL, ExportFormat.CSV, csv);
        store.close();
        store = StoreFixture.open(directory);

        assertThat(session.profileOptions()).containsExactly(Map.entry("host", "broker.example"));
        assertThat(jsonl.toString(StandardCharsets.UTF_8)).contains("broker.example").doesNotContain(PASSWORD);
        assertThat(csv.toString(StandardCharsets.UTF_8)).doesNotContain(PASSWORD);
        assertThat(logs.list).isNotEmpty().allSatisfy(event ->
                assertThat(event.getFormattedMessage()).doesNotContain(PASSWORD));
        assertThat(filesContaining(PASSWORD.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Files.readAllBytes(store.databaseFile())).isNotEmpty();
    }

    @Test
    void theSecretKeyIsAFileOnlyItsOwnerCanRead() throws IOException {
        store.profiles().save(profile());

        Path key = directory.resolve(EncryptedFileSecretStore.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                directory.resolve(EncryptedFileSecretStore.SECRETS_FILE)))).isEqualTo("rw-------");
    }

    @Test
    void deletingAProfileRemovesItsSecret() {
        store.profiles().save(profile());

        assertThat(store.profiles().delete("prod")).isTrue();

        assertThat(store.profiles().find("prod")).isEmpty();
        assertThat(store.profiles().secretStore().get("profile/prod/password")).isEmpty();
    }

    @Test
    void anotherKeyCannotOpenTheSecrets() throws IOException {
        store.profiles().save(profile());
        Files.write(directory.resolve(EncryptedFileSecretStore.KEY_FILE), new byte[32]);

        assertThatThrownBy(() -> store.profiles().find("prod"))
                .isInstanceOf(RecordStoreException.class).hasMessageContaining("cannot decrypt");
    }

    private static ConnectionProfile profile() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("host", "broker.example");
        options.put("password", PASSWORD);
        return new ConnectionProfile("prod", StoreFixture.SECURE_ADAPTER, options);
    }

    /** Files of the data directory whose bytes contain {@code needle}. */
    private List<Path> filesContaining(byte[] needle) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    byte[] content = Files.readAllBytes(file);
                    return indexOf(content, needle) >= 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
