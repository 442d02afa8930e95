package dev.millrace.record;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
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

    private final JsonGenerator json;

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
        json.writeStringField(JsonLines.KIND, JsonLines.KIND_MESSAGE);
        json.writeNumberField(JsonLines.SEQ, message.seq());
        json.writeStringField(JsonLines.ID, message.messageId());
        json.writeStringField(JsonLines.BROKER_ID, envelope.brokerId());
        json.writeStringField(JsonLines.PROFILE, message.profileName());
        json.writeStringField(JsonLines.TOPIC, envelope.topic());
        json.writeStringField(JsonLines.KEY, envelope.key());
        writeOptional(JsonLines.PARTITION, envelope.partition());
        writeOptional(JsonLines.SEQUENCE, envelope.sequence());
        writeInstant(JsonLines.BROKER_TIMESTAMP, envelope.brokerTimestamp());
        writeInstant(JsonLines.RECEIVED_AT, envelope.receivedAt());
        json.writeNumberField(JsonLines.RECEIVED_NANOS, envelope.receivedNanos());
        json.writeBooleanField(JsonLines.REDELIVERED, envelope.redelivered());
        json.writeNumberField(JsonLines.PAYLOAD_SIZE, message.payloadSize());
        json.writeStringField(JsonLines.CORRELATION_ID, message.correlationId());
        writeStrings(JsonLines.METADATA, message.metadata());
        byte[] payload = message.payload();
        if (Utf8.isValid(payload)) {
            json.writeStringField(JsonLines.PAYLOAD_ENCODING, JsonLines.ENCODING_UTF8);
            json.writeFieldName(JsonLines.PAYLOAD);
            json.writeUTF8String(payload, 0, payload.length);
        } else {
            json.writeStringField(JsonLines.PAYLOAD_ENCODING, JsonLines.ENCODING_BASE64);
            json.writeFieldName(JsonLines.PAYLOAD);
            json.writeBinary(payload);
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

    private void writeOptional(String field, long value) throws IOException {
        if (value == Envelope.NONE) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    private void writeInstant(String field, Instant instant) throws IOException {
        json.writeStringField(field, instant == null ? null : instant.toString());
    }

    private void writeStrings(String field, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }
}
