package dev.millrace.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.message.Envelope;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordStoreTest {
    @TempDir
    Path directory;

    @Test
    void aNewStoreIsOneH2FileWithTheSchemaOfTheMigrations() throws SQLException {
        try (RecordStore store = StoreFixture.open(directory)) {
            assertThat(store.databaseFile()).isEqualTo(directory.resolve("millrace.mv.db")).exists();
            assertThat(store.query().sessions()).isEmpty();
            assertThat(columnType(store, "MESSAGE_BLOCK_DATA", "DATA")).isEqualTo("BINARY VARYING");
            assertThat(indexedColumns(store, "MESSAGE_BLOCK")).containsExactly("PRIMARY KEY: SESSION_ID, LAST_SEQ");
            assertThat(indexedColumns(store, "MESSAGE_BLOCK_TOPIC")).containsExactlyInAnyOrder(
                    "PRIMARY KEY: SESSION_ID, LAST_SEQ, TOPIC", "MESSAGE_BLOCK_TOPIC_SEQ: SESSION_ID, TOPIC, LAST_SEQ");
        }
    }

    @Test
    void aSessionStillRecordingInAStoreOfSchemaV1IsMarkedInterruptedAndMovedIntoBlocksAtStartUp() {
        long sessionId;
        try (RecordStore store = StoreFixture.open(directory)) {
            sessionId = store.database().transaction(connection -> {
                long id = SessionTable.insert(connection, new SessionTable.NewSession("crashed",
                        SessionStatus.RECORDING, Instant.now(), null, "memory", null, Map.of(), List.of(), "", 2, 2,
                        0));
                try (PreparedStatement insert = connection.prepareStatement(MessageRows.INSERT)) {
                    MessageRows.bind(insert, new RecordedMessage(id, 1, "m1", null, new Envelope("memory", "t", null,
                            Envelope.NONE, 1, null, Instant.now(), 1, false), null, Map.of(), new byte[] {42}));
                    insert.executeUpdate();
                }
                return id;
            });
        }

        try (RecordStore reopened = StoreFixture.open(directory)) {
            SessionInfo session = reopened.query().session(sessionId).orElseThrow();
            assertThat(session.status()).isEqualTo(SessionStatus.INTERRUPTED);
            assertThat(RecordedSessions.entries(reopened, sessionId)).singleElement()
                    .isInstanceOfSatisfying(RecordedMessage.class, message -> {
                        assertThat(message.messageId()).isEqualTo("m1");
                        assertThat(message.payload()).containsExactly(42);
                    });
            long legacyRows = reopened.database().call(connection -> {
                try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM message");
                     ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            });
            assertThat(legacyRows).isZero();
        }
    }

    @Test
    void deletingASessionDeletesItsEntries() {
        try (RecordStore store = StoreFixture.open(directory)) {
            SessionInfo session = SessionFiles.importEntries(store, "gone", List.of(new GapMarker(0, 1, "memory", null,
                    "t", Instant.now(), 0, 1)));

            assertThat(store.deleteSession(session.id())).isTrue();

            assertThat(store.query().sessions()).isEmpty();
            assertThat(store.query().read(session.id(), MessageFilter.ALL, 0, 10).entries()).isEmpty();
        }
    }

    @Test
    void aSessionCanBeRenamedAndAnnotated() {
        try (RecordStore store = StoreFixture.open(directory)) {
            SessionInfo session = SessionFiles.importEntries(store, "before", List.of(new GapMarker(0, 1, "memory",
                    null, "t", Instant.now(), 0, 1)));

            store.describeSession(session.id(), "after", "bug 1234");

            SessionInfo renamed = store.query().session(session.id()).orElseThrow();
            assertThat(renamed.name()).isEqualTo("after");
            assertThat(renamed.notes()).isEqualTo("bug 1234");
        }
    }

    private static String columnType(RecordStore store, String table, String column) {
        return store.database().call(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT DATA_TYPE FROM "
                    + "INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ? AND COLUMN_NAME = ?")) {
                select.setString(1, table);
                select.setString(2, column);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getString(1);
                }
            }
        });
    }

    /** "INDEX: COLUMN, COLUMN" for every index of {@code table}. */
    private static List<String> indexedColumns(RecordStore store, String table) {
        return store.database().call((Connection connection) -> {
            List<String> indexes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT INDEX_NAME, "
                    + "LISTAGG(COLUMN_NAME, ', ') WITHIN GROUP (ORDER BY ORDINAL_POSITION) FROM "
                    + "INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_NAME = ? GROUP BY INDEX_NAME")) {
                select.setString(1, table);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        String name = row.getString(1).startsWith("PRIMARY_KEY") ? "PRIMARY KEY" : row.getString(1);
                        indexes.add(name + ": " + row.getString(2));
                    }
                }
            }
            return indexes;
        });
    }
}
