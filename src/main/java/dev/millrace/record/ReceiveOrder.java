package dev.millrace.record;

/**
 * Tracks how far receive times go back in sequence order while a session is written: the largest amount by which
 * an entry's receive time lies before the latest receive time of the entries before it. Several subscriber threads
 * hand messages over in an order slightly different from their receive order; an imported file may be in any order.
 *
 * <p>With that bound D, a time range [from, to) maps exactly to a range of sequence numbers found with two index
 * seeks: every entry received before {@code from - D} has a lower sequence number than every entry in the range,
 * and every entry received at or after {@code to + D} a higher one. So a time-filtered page reads only its own rows
 * instead of sorting the whole range.
 */
final class ReceiveOrder {
    private long latestNanos = Long.MIN_VALUE;
    private long disorderNanos;

    ReceiveOrder() {
    }

    ReceiveOrder(long latestNanos, long disorderNanos) {
        this.latestNanos = latestNanos;
        this.disorderNanos = disorderNanos;
    }

    /** Takes the next entry's receive time, in sequence order. */
    void next(long receivedNanos) {
        if (receivedNanos >= latestNanos) {
            latestNanos = receivedNanos;
        } else {
            long back = latestNanos - receivedNanos;
            // Overflows only for times centuries apart; then no bound is tight anyway.
            disorderNanos = Math.max(disorderNanos, back < 0 ? Long.MAX_VALUE : back);
        }
    }

    long disorderNanos() {
        return disorderNanos;
    }

    /** A copy, to go back to if a batch is rolled back. */
    ReceiveOrder copy() {
        return new ReceiveOrder(latestNanos, disorderNanos);
    }
}
