package dev.millrace.compare;

import java.time.Duration;
import java.util.Objects;

/**
 * The unmeasured start of a run: producers publish at the workload's rate, consumers read and ack, nothing is
 * counted. In a workload file it is a duration ({@code "5s"}) or a number of messages ({@code 20000}); a count
 * suits runs at full speed, where a timed warm-up would put a fast broker's backlog far beyond a slow one's.
 */
public sealed interface Warmup {

    Warmup NONE = new Counted(0);

    /** Warm up for this long. */
    record Timed(Duration duration) implements Warmup {
        public Timed {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("a warm-up must not be negative, got " + duration);
            }
        }
    }

    /** Warm up with this many messages, over all producers. */
    record Counted(long messages) implements Warmup {
        public Counted {
            if (messages < 0) {
                throw new IllegalArgumentException("a warm-up must not be negative, got " + messages + " messages");
            }
        }
    }

    static Warmup of(Duration duration) {
        return new Timed(duration);
    }

    static Warmup of(long messages) {
        return new Counted(messages);
    }

    /** For people: {@code 5s}, {@code 20000 messages} or {@code none}. */
    default String describe() {
        return switch (this) {
            case Timed timed when timed.duration().isZero() -> "none";
            case Timed timed -> CompareJson.format(timed.duration());
            case Counted counted when counted.messages() == 0 -> "none";
            case Counted counted -> Formats.count(counted.messages()) + " messages";
        };
    }
}
