-- Messages stored in blocks: one row holds many consecutive entries of a session, encoded by the application
-- (dev.millrace.record.BlockEncoder), instead of one row per message. A row per message with four indexes caps
-- H2 at about 25-30k messages/s; a block of about a thousand messages costs a few index entries. Searches use the
-- small index rows of a block (its sequence range, its receive-time range, its topics, a Bloom filter over its keys
-- and correlation ids) to decode only the blocks that can hold a match. Standard SQL types only.

-- One row per block; small, so scanning them for a search reads kilobytes per thousand messages.
CREATE TABLE message_block (
    session_id      BIGINT     NOT NULL,
    last_seq        BIGINT     NOT NULL,
    first_seq       BIGINT     NOT NULL,
    entry_count     INTEGER    NOT NULL,
    -- Entries that are messages (the others are gap markers): content searches skip blocks without any.
    message_count   INTEGER    NOT NULL,
    min_received_ns BIGINT     NOT NULL,
    max_received_ns BIGINT     NOT NULL,
    -- Bloom filter over the keys and correlation ids of the block's messages (dev.millrace.record.KeyFilter).
    key_filter      ${binary}  NOT NULL,
    CONSTRAINT message_block_pk PRIMARY KEY (session_id, last_seq)
);

-- The topics of a block and how many of its entries each has.
CREATE TABLE message_block_topic (
    session_id  BIGINT   NOT NULL,
    last_seq    BIGINT   NOT NULL,
    topic       VARCHAR  NOT NULL,
    entry_count INTEGER  NOT NULL,
    CONSTRAINT message_block_topic_pk PRIMARY KEY (session_id, last_seq, topic)
);
CREATE INDEX message_block_topic_seq ON message_block_topic (session_id, topic, last_seq);

-- The encoded entries, apart from the index rows so that scanning those never reads them.
CREATE TABLE message_block_data (
    session_id BIGINT     NOT NULL,
    last_seq   BIGINT     NOT NULL,
    data       ${binary}  NOT NULL,
    CONSTRAINT message_block_data_pk PRIMARY KEY (session_id, last_seq)
);

-- The one-row-per-message table of V1 stays, for stores written before this version: the store moves its rows
-- into blocks when it opens (dev.millrace.record.LegacyMessages) and nothing writes it any more, so its secondary
-- indexes only cost space.
DROP INDEX message_topic;
DROP INDEX message_correlation;
DROP INDEX message_received;
