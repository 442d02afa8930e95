package dev.millrace.app.browse;

import java.time.Duration;

/** How often the browse view refreshes on its own. */
public enum RefreshInterval {
    OFF("Refresh: manual", Duration.ZERO),
    FIVE_SECONDS("Refresh: every 5 s", Duration.ofSeconds(5)),
    THIRTY_SECONDS("Refresh: every 30 s", Duration.ofSeconds(30));

    private final String label;
    private final Duration period;

    RefreshInterval(String label, Duration period) {
        this.label = label;
        this.period = period;
    }

    public Duration period() {
        return period;
    }

    @Override
    public String toString() {
        return label;
    }
}
