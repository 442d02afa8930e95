package dev.millrace.app.publish;

import dev.millrace.app.fx.Problem;
import java.time.Duration;
import java.time.Instant;

/**
 * What one send did: a line of the send history.
 *
 * @param at         when it started
 * @param connection connection profile name
 * @param topic      destination
 * @param requested  messages asked for
 * @param sent       messages the broker accepted
 * @param elapsed    how long it took
 * @param problem    why it stopped early, or {@code null} when every message went out (or it was cancelled)
 * @param cancelled  the user stopped it
 */
public record SendResult(Instant at, String connection, String topic, long requested, long sent, Duration elapsed,
                         Problem problem, boolean cancelled) {

    public boolean succeeded() {
        return problem == null && !cancelled && sent == requested;
    }

    public String outcome() {
        if (problem != null) {
            return "Failed after " + sent + " of " + requested + ": " + problem.summary();
        }
        if (cancelled) {
            return "Stopped after " + sent + " of " + requested;
        }
        return "Sent " + sent + (sent == 1 ? " message" : " messages") + " in " + elapsed.toMillis() + " ms";
    }
}
