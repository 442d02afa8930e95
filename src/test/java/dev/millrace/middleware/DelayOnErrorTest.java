package dev.millrace.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import dev.millrace.router.HandlerFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DelayOnErrorTest {
    private final AtomicBoolean failing = new AtomicBoolean(true);
    private final HandlerFunction handler = message -> {
        if (failing.get()) {
            throw new IllegalStateException("boom");
        }
        return List.of();
    };

    /** A delivery of the message with id "m-1", as a redelivery would bring it: a fresh object, same id. */
    private static Message delivery() {
        return new Message("m-1", new byte[0]);
    }

    private static String delayAfterFailure(HandlerFunction wrapped, Message message) {
        assertThatThrownBy(() -> wrapped.handle(message)).isInstanceOf(IllegalStateException.class);
        return message.metadata().get(DelayOnError.DELAYED_FOR);
    }

    @Test
    void failureIsHeldForTheInitialIntervalBeforeItIsThrown() {
        HandlerFunction wrapped = new DelayOnError(Duration.ofMillis(60), Duration.ofSeconds(1), 2).wrap(handler);

        long started = System.nanoTime();
        String delay = delayAfterFailure(wrapped, delivery());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(55));
        assertThat(delay).isEqualTo("PT0.06S");
    }

    @Test
    void failedMessageCarriesTheDelayInItsMetadata() {
        HandlerFunction wrapped = new DelayOnError(Duration.ofMillis(1), Duration.ofSeconds(1), 2).wrap(handler);
        Message message = delivery();
        Instant before = Instant.now();

        delayAfterFailure(wrapped, message);

        assertThat(Duration.parse(message.metadata().get(DelayOnError.DELAYED_FOR))).isEqualTo(Duration.ofMillis(1));
        assertThat(Instant.parse(message.metadata().get(DelayOnError.DELAYED_UNTIL))).isAfter(before);
    }

    @Test
    void delayGrowsWithEachRedeliveryUpToTheMaximum() {
        HandlerFunction wrapped = new DelayOnError(Duration.ofMillis(2), Duration.ofMillis(6), 2).wrap(handler);

        List<String> delays = List.of(delayAfterFailure(wrapped, delivery()), delayAfterFailure(wrapped, delivery()),
                delayAfterFailure(wrapped, delivery()), delayAfterFailure(wrapped, delivery()));

        assertThat(delays).containsExactly("PT0.002S", "PT0.004S", "PT0.006S", "PT0.006S");
    }

    @Test
    void successStartsTheNextFailureAtTheInitialIntervalAgain() throws Exception {
        HandlerFunction wrapped = new DelayOnError(Duration.ofMillis(2), Duration.ofSeconds(1), 2).wrap(handler);
        delayAfterFailure(wrapped, delivery());
        failing.set(false);
        wrapped.handle(delivery());
        failing.set(true);

        assertThat(delayAfterFailure(wrapped, delivery())).isEqualTo("PT0.002S");
    }

    @Test
    void delayFoundInTheMetadataIsContinued() {
        HandlerFunction wrapped = new DelayOnError(Duration.ofMillis(1), Duration.ofSeconds(1), 2).wrap(handler);
        Message requeued = new Message("m-2", Metadata.of(DelayOnError.DELAYED_FOR, "PT0.01S"), new byte[0]);

        assertThat(delayAfterFailure(wrapped, requeued)).isEqualTo("PT0.02S");
    }

    @Test
    void waitEndsEarlyWhenTheMessageContextEnds() {
        HandlerFunction wrapped = new DelayOnError(Duration.ofSeconds(30), Duration.ofSeconds(30), 2).wrap(handler);
        Message message = delivery();
        message.setContext(message.context().withTimeout(Duration.ofMillis(50)));

        long started = System.nanoTime();
        delayAfterFailure(wrapped, message);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void successIsNotDelayed() throws Exception {
        failing.set(false);
        HandlerFunction wrapped = new DelayOnError(Duration.ofSeconds(30), Duration.ofSeconds(30), 2).wrap(handler);
        Message message = delivery();

        wrapped.handle(message);

        assertThat(message.metadata().contains(DelayOnError.DELAYED_FOR)).isFalse();
    }
}
