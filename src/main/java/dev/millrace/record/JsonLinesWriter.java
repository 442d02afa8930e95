package dev.millrace.record;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.millrace.message.Envelope;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/** The canonical JSON Lines export; see {@link ExportFormat#JSONL}. Field order is fixed, so exports diff well. */
final class JsonLinesWriter implements EntryWriter {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .rootValueSeparator((String) null)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            // Characters outside the BMP (emoji) as UTF-8, not as escaped surrogate pairs: exports stay readable.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    /** Field names of message lines, encoded once: they are most of what an export writes besides payloads. */
    private static final SerializedString KIND = new SerializedString(JsonLines.KIND);
    private static final SerializedString SEQ = new SerializedString(JsonLines.SEQ);
    private static final SerializedString ID = new SerializedString(JsonLines.ID);
    private static final SerializedString BROKER_ID = new SerializedString(JsonLines.BROKER_ID);
    private static final SerializedString PROFILE = new SerializedString(JsonLines.PROFILE);
    private static final SerializedString TOPIC = new SerializedString(JsonLines.TOPIC);
    private static final SerializedString KEY = new SerializedString(JsonLines.KEY);
    private static final SerializedString PARTITION = new SerializedString(JsonLines.PARTITION);
    private static final SerializedString SEQUENCE = new SerializedString(JsonLines.SEQUENCE);
    private static final SerializedString BROKER_TIMESTAMP = new SerializedString(JsonLines.BROKER_TIMESTAMP);
    private static final SerializedString RECEIVED_AT = new SerializedString(JsonLines.RECEIVED_AT);
    private static final SerializedString RECEIVED_NANOS = new SerializedString(JsonLines.RECEIVED_NANOS);
    private static final SerializedString REDELIVERED = new SerializedString(JsonLines.REDELIVERED);
    private static final SerializedString PAYLOAD_SIZE = new SerializedString(JsonLines.PAYLOAD_SIZE);
    private static final SerializedString CORRELATION_ID = new SerializedString(JsonLines.CORRELATION_ID);
    private static final SerializedString METADATA = new SerializedString(JsonLines.METADATA);
    private static final SerializedString PAYLOAD_ENCODING = new SerializedString(JsonLines.PAYLOAD_ENCODING);
    private static final SerializedString PAYLOAD = new SerializedString(JsonLines.PAYLOAD);
    private static final SerializedString KIND_MESSAGE = new SerializedString(JsonLines.KIND_MESSAGE);
    private static final SerializedString ENCODING_UTF8 = new SerializedString(JsonLines.ENCODING_UTF8);
    private static final SerializedString ENCODING_BASE64 = new SerializedString(JsonLines.ENCODING_BASE64);

    private final JsonGenerator json;
    private final IsoInstants instants = new IsoInstants();

    JsonLinesWriter(OutputStream out) throws IOException {
        this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    @Override
    public void begin(SessionInfo session, boolean partial) throws IOException {
        json.writeStartObject();
        json.writeStringField(JsonLines.KIND, JsonLines.KIND_SESSION);
        json.writeStringField(JsonLines.HEADER_FORMAT, JsonLines.FORMAT);
        json.writeNumberField(JsonLines.HEADER_VERSION, JsonLines.VERSION);
        json.writeNumberField(JsonLines.HEADER_SESSION_ID, session.id());
        json.writeStringField(JsonLines.HEADER_NAME, session.name());
        json.writeStringField(JsonLines.HEADER_STATUS, session.status().databaseValue());
        writeInstant(JsonLines.HEADER_CREATED_AT, session.createdAt());
        writeInstant(JsonLines.HEADER_ENDED_AT, session.endedAt());
        json.writeStringField(JsonLines.BROKER_ID, session.brokerId());
        json.writeStringField(JsonLines.PROFILE, session.profileName());
        writeStrings(JsonLines.HEADER_PROFILE_OPTIONS, session.profileOptions());
        json.writeArrayFieldStart(JsonLines.HEADER_SUBSCRIPTIONS);
        for (SubscriptionSpec spec : session.subscriptions()) {
            json.writeStartObject();
            json.writeStringField("topic", spec.topic());
            json.writeStringField("consumer_group", spec.options().consumerGroup());
            json.writeStringField("start", SubscriptionSpec.format(spec.options().start()));
            json.writeNumberField("readers", spec.readers());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField(JsonLines.HEADER_NOTES, session.notes());
        json.writeNumberField(JsonLines.HEADER_RECEIVED, session.received());
        json.writeNumberField(JsonLines.HEADER_RECORDED, session.recorded());
        json.writeNumberField(JsonLines.HEADER_DROPPED, session.dropped());
        json.writeBooleanField(JsonLines.HEADER_PARTIAL, partial);
        endLine();
    }

    @Override
    public void write(RecordedEntry entry) throws IOException {
        switch (entry) {
            case RecordedMessage message -> writeMessage(message);
            case GapMarker gap -> writeGap(gap);
        }
    }

    @Override
    public void end(long entries) throws IOException {
        json.writeStartObject();
        json.writeStringField(JsonLines.KIND, JsonLines.KIND_END);
        json.writeNumberField(JsonLines.END_ENTRIES, entries);
        endLine();
        json.flush();
    }

    private void writeMessage(RecordedMessage message) throws IOException {
        Envelope envelope = message.envelope();
        json.writeStartObject();
        json.writeFieldName(KIND);
        json.writeString(KIND_MESSAGE);
        json.writeFieldName(SEQ);
        json.writeNumber(message.seq());
        field(ID, message.messageId());
        field(BROKER_ID, envelope.brokerId());
        field(PROFILE, message.profileName());
        field(TOPIC, envelope.topic());
        field(KEY, envelope.key());
        optional(PARTITION, envelope.partition());
        optional(SEQUENCE, envelope.sequence());
        field(BROKER_TIMESTAMP, envelope.brokerTimestamp() == null ? null
                : instants.format(envelope.brokerTimestamp()));
        field(RECEIVED_AT, instants.format(envelope.receivedAt()));
        json.writeFieldName(RECEIVED_NANOS);
        json.writeNumber(envelope.receivedNanos());
        json.writeFieldName(REDELIVERED);
        json.writeBoolean(envelope.redelivered());
        json.writeFieldName(PAYLOAD_SIZE);
        json.writeNumber(message.payloadSize());
        field(CORRELATION_ID, message.correlationId());
        json.writeFieldName(METADATA);
        json.writeStartObject();
        for (Map.Entry<String, String> entry : message.metadata().entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        byte[] payload = message.payload();
        json.writeFieldName(PAYLOAD_ENCODING);
        if (Utf8.isValid(payload)) {
            json.writeString(ENCODING_UTF8);
            json.writeFieldName(PAYLOAD);
            json.writeUTF8String(payload, 0, payload.length);
        } else {
            json.writeString(ENCODING_BASE64);
            json.writeFieldName(PAYLOAD);
            json.writeBinary(payload);
        }
        endLine();
    }

    private void field(SerializedString name, String value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(value);
        }
    }

    private void optional(SerializedString name, long value) throws IOException {
        json.writeFieldName(name);
        if (value == Envelope.NONE) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }

    /**
     * Writes the current entry of {@code entry} straight from its encoded bytes: exactly what
     * {@link #write(RecordedEntry)} writes for the decoded entry, without building it.
     */
    @Override
    public void write(BlockReader entry) throws IOException {
        entry.readFields();
        if (entry.isGap()) {
            writeGap(new GapMarker(0, entry.seq(), entry.brokerId(), entry.profileName(), entry.topic(),
                    EpochNanos.toInstant(entry.receivedNs()), entry.receivedNanos(), entry.dropped()));
            return;
        }
        byte[] data = entry.data();
        json.writeStartObject();
        json.writeFieldName(KIND);
        json.writeString(KIND_MESSAGE);
        json.writeFieldName(SEQ);
        json.writeNumber(entry.seq());
        json.writeFieldName(ID);
        json.writeUTF8String(data, entry.messageIdAt(), entry.messageIdLength());
        field(BROKER_ID, entry.brokerId());
        field(PROFILE, entry.profileName());
        field(TOPIC, entry.topic());
        json.writeFieldName(KEY);
        if (entry.hasKey()) {
            json.writeUTF8String(data, entry.keyAt(), entry.keyLength());
        } else {
            json.writeNull();
        }
        optional(PARTITION, entry.partition());
        optional(SEQUENCE, entry.brokerSequence());
        field(BROKER_TIMESTAMP, entry.hasBrokerTime() ? instants.format(entry.brokerTimeNs()) : null);
        field(RECEIVED_AT, instants.format(entry.receivedNs()));
        json.writeFieldName(RECEIVED_NANOS);
        json.writeNumber(entry.receivedNanos());
        json.writeFieldName(REDELIVERED);
        json.writeBoolean(entry.redelivered());
        json.writeFieldName(PAYLOAD_SIZE);
        json.writeNumber(entry.payloadLength());
        json.writeFieldName(CORRELATION_ID);
        if (entry.hasCorrelationId()) {
            json.writeUTF8String(data, entry.correlationIdAt(), entry.correlationIdLength());
        } else {
            json.writeNull();
        }
        json.writeFieldName(METADATA);
        json.writeStartObject();
        while (entry.nextMetadata()) {
            json.writeFieldName(entry.metadataName());
            json.writeUTF8String(data, entry.metadataValueAt(), entry.metadataValueLength());
        }
        json.writeEndObject();
        int payloadAt = entry.payloadAt();
        int payloadLength = entry.payloadLength();
        json.writeFieldName(PAYLOAD_ENCODING);
        if (Utf8.isValid(data, payloadAt, payloadAt + payloadLength)) {
            json.writeString(ENCODING_UTF8);
            json.writeFieldName(PAYLOAD);
            json.writeUTF8String(data, payloadAt, payloadLength);
        } else {
            json.writeString(ENCODING_BASE64);
            json.writeFieldName(PAYLOAD);
            json.writeBinary(data, payloadAt, payloadLength);
        }
        endLine();
    }

    private void writeGap(GapMarker gap) throws IOException {
        json.writeStartObject();
        json.writeStringField(JsonLines.KIND, JsonLines.KIND_GAP);
        json.writeNumberField(JsonLines.SEQ, gap.seq());
        json.writeStringField(JsonLines.BROKER_ID, gap.brokerId());
        json.writeStringField(JsonLines.PROFILE, gap.profileName());
        json.writeStringField(JsonLines.TOPIC, gap.topic());
        writeInstant(JsonLines.RECEIVED_AT, gap.receivedAt());
        json.writeNumberField(JsonLines.RECEIVED_NANOS, gap.receivedNanos());
        json.writeNumberField(JsonLines.DROPPED, gap.droppedCount());
        endLine();
    }

    private void endLine() throws IOException {
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writeInstant(String field, Instant instant) throws IOException {
        json.writeStringField(field, instant == null ? null : instants.format(instant));
    }

    private void writeStrings(String field, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }
}
