-- How far (ns) an entry's receive time lies before that of an earlier entry of the same session, at most: 0 when
-- receive times never go back in sequence order. With it, a time range maps exactly to a range of sequence
-- numbers found by two seeks of message_received, so time-filtered pages read only their own rows.
ALTER TABLE session ADD COLUMN received_disorder_ns BIGINT DEFAULT 0 NOT NULL;
