package dev.millrace.app.sessions;

import dev.millrace.app.flow.FlowStep;
import dev.millrace.app.flow.FlowTimeline;
import dev.millrace.app.message.CapturedMessage;
import dev.millrace.message.Envelope;
import dev.millrace.record.GapMarker;
import dev.millrace.record.RecordedEntry;
import dev.millrace.record.RecordedMessage;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Recorded entries as the workbench's message rows. Their nanosecond stamp is the wall-clock receive time in epoch
 * nanoseconds: entries from different sessions (and processes) can only be ordered and compared that way.
 */
final class RecordedEntries {

    private RecordedEntries() {
    }

    static CapturedMessage toCaptured(RecordedEntry entry) {
        return switch (entry) {
            case RecordedMessage message -> toCaptured(message);
            case GapMarker gap -> CapturedMessage.gap(orEmpty(gap.profileName()), gap.brokerId(), gap.topic(),
                    gap.receivedAt(), epochNanos(gap.receivedAt()), gap.droppedCount());
        };
    }

    static CapturedMessage toCaptured(RecordedMessage message) {
        Envelope envelope = message.envelope();
        return new CapturedMessage(message.messageId(), orEmpty(message.profileName()), envelope.brokerId(),
                envelope.topic(), orEmpty(envelope.key()), envelope.partition(), envelope.sequence(),
                envelope.brokerTimestamp(), envelope.receivedAt(), epochNanos(envelope.receivedAt()),
                envelope.redelivered(), message.metadata(), message.payload(), 0);
    }

    static FlowTimeline timeline(String correlationId, List<RecordedMessage> messages) {
        List<FlowStep> steps = messages.stream().map(RecordedEntries::toCaptured)
                .<FlowStep>map(FlowStep.Received::new)
                .sorted(Comparator.comparingLong(FlowStep::nanos))
                .toList();
        return new FlowTimeline(correlationId, steps);
    }

    private static long epochNanos(Instant instant) {
        return instant == null ? 0 : instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
