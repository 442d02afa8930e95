package dev.millrace.record;

import dev.millrace.message.Envelope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The mapping between {@link RecordedEntry} and a row of the V1 {@code message} table, one row per entry. Since V3
 * entries live in blocks ({@link BlockTable}); this reads the rows of older stores for {@link LegacyMessages}, and
 * writes them for the test that upgrades such a store.
 */
final class MessageRows {
    static final String KIND_MESSAGE = "message";
    static final String KIND_GAP = "gap";

    /** Every column, in the order {@link #bind} and {@link #read} use. */
    static final String COLUMNS = "session_id, seq, kind, message_id, broker_id, profile_name, topic, message_key, "
            + "partition_number, broker_sequence, broker_time_ns, received_at_ns, received_nanos, redelivered, "
            + "payload_size, correlation_id, metadata, payload, dropped_count";

    static final String INSERT = "INSERT INTO message (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?)";

    private static final byte[] NO_PAYLOAD = new byte[0];

    private MessageRows() {
    }

    /** Sets the parameters of {@link #INSERT} for {@code entry}. */
    static void bind(PreparedStatement insert, RecordedEntry entry) throws SQLException {
        insert.setLong(1, entry.sessionId());
        insert.setLong(2, entry.seq());
        switch (entry) {
            case RecordedMessage message -> {
                Envelope envelope = message.envelope();
                insert.setString(3, KIND_MESSAGE);
                insert.setString(4, message.messageId());
                insert.setString(5, envelope.brokerId());
                insert.setString(6, message.profileName());
                insert.setString(7, envelope.topic());
                insert.setString(8, envelope.key());
                setOptionalInt(insert, 9, envelope.partition());
                setOptionalLong(insert, 10, envelope.sequence());
                if (envelope.brokerTimestamp() == null) {
                    insert.setNull(11, Types.BIGINT);
                } else {
                    insert.setLong(11, EpochNanos.of(envelope.brokerTimestamp()));
                }
                insert.setLong(12, EpochNanos.of(envelope.receivedAt()));
                insert.setLong(13, envelope.receivedNanos());
                insert.setBoolean(14, envelope.redelivered());
                insert.setInt(15, message.payload().length);
                insert.setString(16, message.correlationId());
                insert.setString(17, MetadataJson.write(message.metadata()));
                insert.setBytes(18, message.payload());
                insert.setLong(19, 0);
            }
            case GapMarker gap -> {
                insert.setString(3, KIND_GAP);
                insert.setNull(4, Types.VARCHAR);
                insert.setString(5, gap.brokerId());
                insert.setString(6, gap.profileName());
                insert.setString(7, gap.topic());
                insert.setNull(8, Types.VARCHAR);
                insert.setNull(9, Types.INTEGER);
                insert.setNull(10, Types.BIGINT);
                insert.setNull(11, Types.BIGINT);
                insert.setLong(12, EpochNanos.of(gap.receivedAt()));
                insert.setLong(13, gap.receivedNanos());
                insert.setBoolean(14, false);
                insert.setInt(15, 0);
                insert.setNull(16, Types.VARCHAR);
                insert.setString(17, "{}");
                insert.setBytes(18, NO_PAYLOAD);
                insert.setLong(19, gap.droppedCount());
            }
        }
    }

    /** Reads the current row of a result set that selected {@link #COLUMNS}, in that order. */
    static RecordedEntry read(ResultSet row) throws SQLException {
        long sessionId = row.getLong(1);
        long seq = row.getLong(2);
        String kind = row.getString(3);
        String brokerId = row.getString(5);
        String profileName = row.getString(6);
        String topic = row.getString(7);
        long receivedAt = row.getLong(12);
        long receivedNanos = row.getLong(13);
        if (KIND_GAP.equals(kind)) {
            return new GapMarker(sessionId, seq, brokerId, profileName, topic, EpochNanos.toInstant(receivedAt),
                    receivedNanos, row.getLong(19));
        }
        int partition = row.getInt(9);
        if (row.wasNull()) {
            partition = Envelope.NONE;
        }
        long sequence = row.getLong(10);
        if (row.wasNull()) {
            sequence = Envelope.NONE;
        }
        long brokerTime = row.getLong(11);
        boolean noBrokerTime = row.wasNull();
        Envelope envelope = new Envelope(brokerId, topic, row.getString(8), partition, sequence,
                noBrokerTime ? null : EpochNanos.toInstant(brokerTime), EpochNanos.toInstant(receivedAt),
                receivedNanos, row.getBoolean(14));
        return new RecordedMessage(sessionId, seq, row.getString(4), profileName, envelope, row.getString(16),
                MetadataJson.read(row.getString(17)), row.getBytes(18));
    }

    private static void setOptionalInt(PreparedStatement statement, int index, int value) throws SQLException {
        if (value == Envelope.NONE) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static void setOptionalLong(PreparedStatement statement, int index, long value) throws SQLException {
        if (value == Envelope.NONE) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
