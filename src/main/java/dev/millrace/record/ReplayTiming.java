package dev.millrace.record;

/** How fast a replay sends. */
public sealed interface ReplayTiming {

    /** Back to back, in batches. */
    record AsFastAsPossible() implements ReplayTiming {
    }

    /** The recorded gaps between messages, as received. */
    record Original() implements ReplayTiming {
    }

    /** The recorded gaps divided by {@code speed}: 2.0 is twice as fast, 0.5 half as fast. */
    record Scaled(double speed) implements ReplayTiming {
        public Scaled {
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("a replay speed must be a positive number, got " + speed);
            }
        }
    }

    ReplayTiming AS_FAST_AS_POSSIBLE = new AsFastAsPossible();
    ReplayTiming ORIGINAL = new Original();

    static ReplayTiming scaled(double speed) {
        return new Scaled(speed);
    }
}
