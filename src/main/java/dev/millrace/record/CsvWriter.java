package dev.millrace.record;

import dev.millrace.message.Envelope;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The spreadsheet export: RFC 4180 CSV, one row per entry, UTF-8 with CRLF line ends. Written by hand because the
 * rule is four lines long (quote a cell holding a comma, quote or line break, double its quotes).
 */
final class CsvWriter implements EntryWriter {
    private static final String[] COLUMNS = {"seq", "kind", "received_at", "topic", "key", "partition", "sequence",
        "broker_timestamp", "redelivered", "payload_size", "correlation_id", "message_id", "broker_id", "profile",
        "dropped", "metadata", "payload_encoding", "payload"};

    private final Writer out;

    CsvWriter(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void begin(SessionInfo session, boolean partial) throws IOException {
        row((Object[]) COLUMNS);
    }

    @Override
    public void write(RecordedEntry entry) throws IOException {
        switch (entry) {
            case RecordedMessage message -> {
                Envelope envelope = message.envelope();
                boolean text = Utf8.isValid(message.payload());
                row(message.seq(), JsonLines.KIND_MESSAGE, envelope.receivedAt(), envelope.topic(), envelope.key(),
                        optional(envelope.partition()), optional(envelope.sequence()), envelope.brokerTimestamp(),
                        envelope.redelivered(), message.payloadSize(), message.correlationId(), message.messageId(),
                        envelope.brokerId(), message.profileName(), null, MetadataJson.write(message.metadata()),
                        text ? JsonLines.ENCODING_UTF8 : JsonLines.ENCODING_BASE64,
                        text ? new String(message.payload(), StandardCharsets.UTF_8)
                                : Base64.getEncoder().encodeToString(message.payload()));
            }
            case GapMarker gap -> row(gap.seq(), JsonLines.KIND_GAP, gap.receivedAt(), gap.topic(), null, null, null,
                    null, null, 0, null, null, gap.brokerId(), gap.profileName(), gap.droppedCount(), null, null, null);
        }
    }

    @Override
    public void end(long entries) throws IOException {
        out.flush();
    }

    private void row(Object... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            cell(cells[i]);
        }
        out.write("\r\n");
    }

    private void cell(Object value) throws IOException {
        if (value == null) {
            return;
        }
        String text = value instanceof Instant instant ? instant.toString() : value.toString();
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            out.write(text);
            return;
        }
        out.write('"');
        out.write(text.replace("\"", "\"\""));
        out.write('"');
    }

    private static Object optional(long value) {
        return value == Envelope.NONE ? null : value;
    }
}
