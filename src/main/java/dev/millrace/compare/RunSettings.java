package dev.millrace.compare;

import java.time.Duration;
import java.util.Objects;

/**
 * How patiently a comparison runs; the workload says what it runs.
 *
 * @param idleTimeout         after the producers are done, give up on missing messages when none arrived for this long
 * @param progressInterval    how often {@link CompareEvent.Progress} is reported
 * @param closeTimeout        how long closing a broker's router may wait for in-flight messages
 * @param producerStopTimeout how long to wait for a producer stuck in a publish call before moving on
 */
public record RunSettings(Duration idleTimeout, Duration progressInterval, Duration closeTimeout,
                          Duration producerStopTimeout) {

    public static final RunSettings DEFAULTS = new RunSettings(Duration.ofSeconds(30), Duration.ofMillis(500),
            Duration.ofSeconds(30), Duration.ofSeconds(15));

    public RunSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(producerStopTimeout, "producerStopTimeout");
        if (progressInterval.isZero() || progressInterval.isNegative()) {
            throw new IllegalArgumentException("progressInterval must be positive, got " + progressInterval);
        }
    }

    public RunSettings withIdleTimeout(Duration timeout) {
        return new RunSettings(timeout, progressInterval, closeTimeout, producerStopTimeout);
    }

    public RunSettings withProgressInterval(Duration interval) {
        return new RunSettings(idleTimeout, interval, closeTimeout, producerStopTimeout);
    }
}
