package dev.millrace.record;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The read side of the store: sessions, and their entries by keyset paging (seek to the block holding the seq after
 * {@code afterSeq}, never {@code OFFSET}, which would re-read everything skipped in a session of millions). Entries
 * live in blocks (see {@link BlockTable}): a search picks candidate blocks by their index rows, then decodes only
 * those. Thread-safe; each call uses its own pooled connection. Calls block on I/O: run them off the UI thread.
 */
public final class SessionQuery {
    /** Payload bytes after which a page ends early, so that pages of large messages stay in bounds. */
    static final long PAGE_BYTES = 32L << 20;

    private final Database database;

    SessionQuery(Database database) {
        this.database = database;
    }

    /** Every session, newest first. */
    public List<SessionInfo> sessions() {
        return database.call(SessionTable::list);
    }

    public Optional<SessionInfo> session(long id) {
        return database.call(connection -> SessionTable.find(connection, id));
    }

    /** Sessions with exactly this name, newest first. */
    public List<SessionInfo> sessionsNamed(String name) {
        return database.call(connection -> SessionTable.findByName(connection, name));
    }

    /**
     * Up to {@code limit} entries of a session matching {@code filter} with a sequence number above
     * {@code afterSeq} (0 for the start), in sequence order. A page ends early, with {@link Page#hasMore()}, once its
     * payloads reach {@value #PAGE_BYTES} bytes (it always holds at least one entry when one matches).
     */
    public Page read(long sessionId, MessageFilter filter, long afterSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return database.call(connection -> page(connection, sessionId, filter, afterSeq, limit));
    }

    /**
     * Every message carrying this correlation id, across topics and sessions, by session then sequence: each
     * session's blocks are searched as a correlation id filter searches them.
     */
    public List<RecordedMessage> correlated(String correlationId, int limit) {
        MessageFilter filter = MessageFilter.ALL.withCorrelationId(correlationId);
        return database.call(connection -> {
            List<RecordedMessage> chain = new ArrayList<>();
            for (SessionInfo session : SessionTable.list(connection).reversed()) {
                if (chain.size() == limit) {
                    break;
                }
                scan(connection, session.id(), filter, 0, new Scan() {
                    @Override
                    public boolean matched(BlockReader reader) {
                        if (chain.size() == limit) {
                            return false;
                        }
                        chain.add((RecordedMessage) reader.entry());
                        return true;
                    }
                });
            }
            return chain;
        });
    }

    /**
     * How many entries of the session match {@code filter}: from the index rows alone for everything or one topic,
     * else by a scan of the candidate blocks.
     */
    public long count(long sessionId, MessageFilter filter) {
        if (filter.equals(MessageFilter.ALL) || filter.equals(MessageFilter.ALL.withTopic(filter.topic()))) {
            return database.call(connection -> BlockTable.count(connection, sessionId, filter.topic()));
        }
        long[] count = {0};
        forEach(sessionId, filter, 0, entry -> {
            count[0]++;
            return true;
        });
        return count[0];
    }

    /**
     * Streams matching entries in sequence order, block by block, until {@code visitor} returns false or the
     * session ends. Memory stays bounded by one block whatever the session's size.
     */
    void forEach(long sessionId, MessageFilter filter, long afterSeq, EntryVisitor visitor) {
        database.call(connection -> {
            scan(connection, sessionId, filter, afterSeq, new Scan() {
                @Override
                public boolean matched(BlockReader reader) {
                    return visitor.visit(reader.entry());
                }
            });
            return null;
        });
    }

    /**
     * Like {@link #forEach}, from the start, handing over each matching entry still encoded: the current entry of
     * {@code visitor}'s reader, valid during the call only.
     */
    void forEachEncoded(long sessionId, MessageFilter filter, Predicate<BlockReader> visitor) {
        database.call(connection -> {
            scan(connection, sessionId, filter, 0, new Scan() {
                @Override
                public boolean matched(BlockReader reader) {
                    return visitor.test(reader);
                }
            });
            return null;
        });
    }

    /**
     * Reads entries after {@code afterSeq} until the page has {@code limit} entries or {@value #PAGE_BYTES} bytes of
     * payload, or the session ends.
     */
    private static Page page(Connection connection, long sessionId, MessageFilter filter, long afterSeq, int limit)
            throws SQLException {
        List<RecordedEntry> entries = new ArrayList<>();
        long[] bytes = {0};
        long[] position = {afterSeq};
        boolean more = !scan(connection, sessionId, filter, afterSeq, new Scan() {
            @Override
            public boolean matched(BlockReader reader) {
                if (entries.size() == limit || bytes[0] >= PAGE_BYTES) {
                    return false;
                }
                RecordedEntry entry = reader.entry();
                entries.add(entry);
                bytes[0] += entry instanceof RecordedMessage message ? message.payloadSize() : 0;
                position[0] = entry.seq();
                return true;
            }

            @Override
            public void passed(long seq) {
                position[0] = seq;
            }
        });
        return new Page(entries, position[0], more);
    }

    /**
     * Walks the entries of the candidate blocks after {@code afterSeq} that match {@code filter}, in sequence order.
     * Returns true when it reached the end, false when {@code scan} stopped it.
     */
    private static boolean scan(Connection connection, long sessionId, MessageFilter filter, long afterSeq, Scan scan)
            throws SQLException {
        Matcher matcher = new Matcher(filter);
        long position = afterSeq;
        // Few index rows first (a page usually ends in the first block), then more per query for long scans.
        int chunk = 8;
        while (true) {
            List<BlockTable.BlockInfo> blocks = BlockTable.candidates(connection, sessionId, filter, position, chunk);
            for (BlockTable.BlockInfo block : blocks) {
                if (matcher.mayHold(block)) {
                    BlockReader reader = reader(connection, block);
                    int topic = filter.topic() == null ? Matcher.ANY_TOPIC : reader.indexOf(filter.topic());
                    while (reader.next()) {
                        if (reader.seq() <= afterSeq) {
                            continue;
                        }
                        if (matcher.matches(reader, topic)) {
                            if (!scan.matched(reader)) {
                                return false;
                            }
                        } else {
                            scan.passed(reader.seq());
                        }
                    }
                } else {
                    scan.passed(block.lastSeq());
                }
                position = block.lastSeq();
            }
            if (blocks.size() < chunk) {
                return true;
            }
            chunk = Math.min(BlockTable.MAX_CHUNK, chunk * 4);
        }
    }

    private static BlockReader reader(Connection connection, BlockTable.BlockInfo block) throws SQLException {
        return new BlockReader(block.sessionId(), block.firstSeq(),
                BlockTable.data(connection, block.sessionId(), block.lastSeq()));
    }

    /** Visits entries of a scan; returns false to stop. */
    @FunctionalInterface
    interface EntryVisitor {
        boolean visit(RecordedEntry entry);
    }

    /** What a scan does with the entries it walks. */
    private interface Scan {
        /** A matching entry, current in {@code reader}; false to stop before it. */
        boolean matched(BlockReader reader);

        /** Entries up to {@code seq} were looked at and did not match. */
        default void passed(long seq) {
        }
    }

    /** The criteria of a filter, compared on the encoded entries. */
    private static final class Matcher {
        static final int ANY_TOPIC = -2;

        private final MessageFilter filter;
        private final long from;
        private final long to;
        private final byte[] key;
        private final byte[] correlationId;
        private final byte[] needle;

        Matcher(MessageFilter filter) {
            this.filter = filter;
            this.from = filter.from() == null ? Long.MIN_VALUE : EpochNanos.clamped(filter.from());
            this.to = filter.to() == null ? Long.MAX_VALUE : EpochNanos.clamped(filter.to());
            this.key = utf8(filter.key());
            this.correlationId = utf8(filter.correlationId());
            this.needle = utf8(filter.payloadText());
        }

        /** Whether the block's key filter lets a key or correlation id criterion match in it. */
        boolean mayHold(BlockTable.BlockInfo block) {
            return (key == null || KeyFilter.mightContain(block.keyFilter(), KeyFilter.KEY, key))
                    && (correlationId == null
                            || KeyFilter.mightContain(block.keyFilter(), KeyFilter.CORRELATION_ID, correlationId));
        }

        /** {@code topic}: the filter topic's index in the block, {@link #ANY_TOPIC} without a topic criterion. */
        boolean matches(BlockReader entry, int topic) {
            if (topic != ANY_TOPIC && entry.topicIndex() != topic) {
                return false;
            }
            long received = entry.receivedNs();
            boolean toIsOpen = filter.to() == null;
            if (received < from || !toIsOpen && received >= to) {
                return false;
            }
            if (entry.isGap()) {
                return !filter.selectsContent();
            }
            return (key == null || entry.keyEquals(key))
                    && (correlationId == null || entry.correlationIdEquals(correlationId))
                    && (filter.headerName() == null
                            || filter.headerValue().equals(entry.metadataValue(filter.headerName())))
                    && (needle == null || entry.payloadContains(needle));
        }

        private static byte[] utf8(String text) {
            return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
