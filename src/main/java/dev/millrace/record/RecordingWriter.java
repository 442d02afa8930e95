package dev.millrace.record;

import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer thread of a recording: takes batches from the queue, inserts them in one transaction, commits,
 * and only then acks them. Gap markers for dropped messages go into the same transactions.
 */
final class RecordingWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingWriter.class);
    private static final long POLL_MILLIS = 100;

    private final Database database;
    private final Recording recording;
    private final RecorderSettings settings;
    private final String brokerId;
    private final String profileName;
    private final List<Captured> batch = new ArrayList<>();
    private long seq;
    private boolean warnedAboutBrokerTime;

    RecordingWriter(Database database, Recording recording, RecorderSettings settings, String brokerId,
            String profileName) {
        this.database = database;
        this.recording = recording;
        this.settings = settings;
        this.brokerId = brokerId;
        this.profileName = profileName;
    }

    @Override
    public void run() {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try (BlockWriter blocks = new BlockWriter(connection, recording.sessionId());
                 PreparedStatement counters = SessionTable.prepareCounterUpdate(connection)) {
                writeUntilStopped(connection, blocks, counters);
                SessionTable.finish(connection, recording.sessionId(), SessionStatus.COMPLETE, Instant.now());
                connection.commit();
                recording.completed();
                LOG.info("session {} complete: {}", recording.sessionId(), recording.stats());
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            fail(e);
        } finally {
            recording.terminated();
        }
    }

    private void writeUntilStopped(Connection connection, BlockWriter blocks, PreparedStatement counters)
            throws SQLException {
        while (true) {
            Captured first = poll(POLL_MILLIS);
            if (first == null) {
                boolean finished = recording.readersDone() && recording.queue().size() == 0;
                if (finished || hasPendingDrops()) {
                    write(connection, blocks, counters);
                }
                if (finished) {
                    return;
                }
                continue;
            }
            if (recording.limitReached()) {
                recording.giveBack(first.message());
                continue;
            }
            batch.add(first);
            fill(first.bytes());
            write(connection, blocks, counters);
        }
    }

    /** Adds what is waiting to the batch; without acknowledgements, waits up to the batch delay for more. */
    private void fill(long firstBytes) {
        long budget = settings.maxBatchBytes() - firstBytes;
        int room = settings.maxBatchRows() - 1;
        long deadline = System.nanoTime() + settings.maxBatchDelay().toNanos();
        while (room > 0 && budget > 0) {
            int before = batch.size();
            recording.queue().drainTo(batch, room, budget);
            for (int i = before; i < batch.size(); i++) {
                budget -= batch.get(i).bytes();
            }
            room -= batch.size() - before;
            long remaining = deadline - System.nanoTime();
            // With acknowledgements the readers wait for this commit before they can receive more: commit now.
            if (room == 0 || budget <= 0 || recording.acksAfterCommit() || remaining <= 0
                    || recording.stopRequested()) {
                return;
            }
            try {
                recording.queue().await(room, budget, remaining, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // Nobody may interrupt this thread (H2 I/O); if someone does, commit what there is.
                LOG.warn("the writer of session {} was interrupted; ignored", recording.sessionId());
                return;
            }
        }
    }

    /** Writes the batch and any pending gap markers as blocks in one transaction, commits, then acks. */
    private void write(Connection connection, BlockWriter blocks, PreparedStatement counters)
            throws SQLException {
        trimToLimit();
        long firstSeq = seq;
        List<GapMarker> gaps = takeGaps();
        long gapDrops = gaps.stream().mapToLong(GapMarker::droppedCount).sum();
        if (batch.isEmpty() && gaps.isEmpty()) {
            return;
        }
        try {
            for (GapMarker gap : gaps) {
                blocks.add(gap);
            }
            for (Captured captured : batch) {
                add(blocks, captured);
            }
            blocks.flush();
            SessionTable.updateCounters(counters, recording.sessionId(), recording.received(),
                    recording.recorded() + batch.size(), recording.droppedCommitted() + gapDrops);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            seq = firstSeq;
            blocks.discard();
            connection.rollback();
            gaps.forEach(gap -> recording.pendingDrops().computeIfAbsent(gap.topic(), key -> new AtomicLong())
                    .addAndGet(gap.droppedCount()));
            throw e;
        }
        recording.committed(batch.size(), gapDrops);
        if (recording.acksAfterCommit()) {
            for (Captured captured : batch) {
                captured.message().ack();
            }
        }
        batch.clear();
        recording.notifyListeners();
    }

    private void trimToLimit() {
        long limit = recording.messageLimit();
        if (limit == 0) {
            return;
        }
        long room = Math.max(0, limit - recording.recorded());
        while (batch.size() > room) {
            recording.giveBack(batch.removeLast().message());
        }
    }

    private List<GapMarker> takeGaps() {
        List<GapMarker> gaps = new ArrayList<>();
        for (Map.Entry<String, AtomicLong> drops : recording.pendingDrops().entrySet()) {
            long count = drops.getValue().getAndSet(0);
            if (count > 0) {
                gaps.add(new GapMarker(recording.sessionId(), ++seq, brokerId, profileName, drops.getKey(),
                        Instant.now(), System.nanoTime(), count));
            }
        }
        return gaps;
    }

    private boolean hasPendingDrops() {
        return recording.pendingDrops().values().stream().anyMatch(count -> count.get() > 0);
    }

    /** Encodes a received message into the open block, with the envelope as received (gaps filled in). */
    private void add(BlockWriter blocks, Captured captured) throws SQLException {
        Message message = captured.message();
        Envelope received = message.envelope();
        Envelope envelope;
        if (received == null) {
            envelope = new Envelope(brokerId, captured.subscribedTopic(), message.key(), Envelope.NONE, Envelope.NONE,
                    null, Instant.now(), System.nanoTime(), false);
        } else {
            envelope = new Envelope(received.brokerId() == null ? brokerId : received.brokerId(),
                    received.topic() == null ? captured.subscribedTopic() : received.topic(), received.key(),
                    received.partition(), received.sequence(), representable(received.brokerTimestamp()),
                    received.receivedAt() == null ? Instant.now() : received.receivedAt(), received.receivedNanos(),
                    received.redelivered());
        }
        String correlationId = message.metadata().contains(Message.CORRELATION_ID)
                ? message.metadata().get(Message.CORRELATION_ID) : null;
        blocks.addMessage(++seq, message.id(), profileName, envelope, correlationId, message.metadata().asMap(),
                message.payload());
    }

    /** A broker time the store can keep (years 1677 to 2262), else null: one odd time must not stop a recording. */
    private Instant representable(Instant brokerTime) {
        if (brokerTime == null) {
            return null;
        }
        try {
            EpochNanos.of(brokerTime);
            return brokerTime;
        } catch (ArithmeticException e) {
            if (!warnedAboutBrokerTime) {
                warnedAboutBrokerTime = true;
                LOG.warn("session {}: broker timestamp {} is out of range and is not recorded", recording.sessionId(),
                        brokerTime);
            }
            return null;
        }
    }

    private Captured poll(long millis) {
        try {
            return recording.queue().poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Nobody may interrupt this thread (H2 I/O); if someone does, carry on rather than corrupt the file.
            LOG.warn("the writer of session {} was interrupted; ignored", recording.sessionId());
            return null;
        }
    }

    /** Gives back what was not committed, waits for the readers, and marks the session interrupted. */
    private void fail(Throwable cause) {
        LOG.error("recording session {} failed; what was committed is kept", recording.sessionId(), cause);
        recording.failed(cause);
        batch.forEach(captured -> recording.giveBack(captured.message()));
        batch.clear();
        while (!recording.readersDone() || recording.queue().size() > 0) {
            Captured left = poll(POLL_MILLIS);
            if (left != null) {
                recording.giveBack(left.message());
            }
        }
        try {
            database.transaction(connection -> {
                SessionTable.finish(connection, recording.sessionId(), SessionStatus.INTERRUPTED, null);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("could not mark session {} interrupted; it will be on the next start", recording.sessionId(), e);
        }
    }
}
