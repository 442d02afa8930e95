package dev.millrace.router;

import java.time.Duration;
import java.util.Objects;

/**
 * Router settings.
 *
 * @param closeTimeout how long {@link Router#close()} waits for in-flight messages before it reports a timeout
 */
public record RouterConfig(Duration closeTimeout) {

    private static final RouterConfig DEFAULTS = new RouterConfig(Duration.ofSeconds(30));

    public RouterConfig {
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must not be negative: " + closeTimeout);
        }
    }

    /** A close timeout of 30 seconds. */
    public static RouterConfig defaults() {
        return DEFAULTS;
    }
}
