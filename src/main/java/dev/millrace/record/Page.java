package dev.millrace.record;

import java.util.List;

/**
 * One page of a keyset-paged read.
 *
 * @param entries entries in sequence order
 * @param lastSeq the last sequence number looked at: pass it as {@code afterSeq} to read the next page (it can be
 *                past the last entry returned when row-by-row criteria skipped rows)
 * @param hasMore whether reading on may find more
 */
public record Page(List<RecordedEntry> entries, long lastSeq, boolean hasMore) {

    public Page {
        entries = List.copyOf(entries);
    }
}
