package dev.millrace.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.message.Message;
import dev.millrace.router.HandlerFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
    private final AtomicInteger attempts = new AtomicInteger();

    private static Retry.Builder quick() {
        return Retry.builder().initialInterval(Duration.ofMillis(1)).randomizationFactor(0);
    }

    private HandlerFunction failing(int failures) {
        return message -> {
            int attempt = attempts.incrementAndGet();
            if (attempt <= failures) {
                throw new IllegalStateException("failure " + attempt);
            }
            return List.of();
        };
    }

    @Test
    void retryMakesMaxRetriesPlusOneAttempts() {
        HandlerFunction wrapped = quick().maxRetries(3).build().wrap(failing(Integer.MAX_VALUE));

        assertThatThrownBy(() -> wrapped.handle(Message.of(new byte[0])))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("failure 4");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void firstAttemptRunsWithoutWaiting() throws Exception {
        HandlerFunction wrapped = Retry.builder().initialInterval(Duration.ofSeconds(30)).build().wrap(failing(0));

        long started = System.nanoTime();
        wrapped.handle(Message.of(new byte[0]));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void stopsRetryingOnceTheHandlerSucceeds() throws Exception {
        Message produced = Message.of(new byte[0]);
        HandlerFunction wrapped = quick().maxRetries(5).build().wrap(message -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return List.of(produced);
        });

        assertThat(wrapped.handle(Message.of(new byte[0]))).containsExactly(produced);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void waitsGrowByTheMultiplierUpToTheMaxInterval() {
        List<Duration> delays = new CopyOnWriteArrayList<>();
        HandlerFunction wrapped = Retry.builder().maxRetries(4).initialInterval(Duration.ofMillis(2)).multiplier(2)
                .maxInterval(Duration.ofMillis(8)).randomizationFactor(0)
                .onRetry(attempt -> delays.add(attempt.delay()))
                .build().wrap(failing(Integer.MAX_VALUE));

        assertThatThrownBy(() -> wrapped.handle(Message.of(new byte[0]))).isInstanceOf(IllegalStateException.class);

        assertThat(delays).containsExactly(Duration.ofMillis(2), Duration.ofMillis(4), Duration.ofMillis(8),
                Duration.ofMillis(8));
    }

    @Test
    void randomizationSpreadsWaitsWithinTheFactor() throws Exception {
        List<Duration> delays = new ArrayList<>();
        Retry retry = Retry.builder().maxRetries(1).initialInterval(Duration.ofMillis(100)).randomizationFactor(0.5)
                .shouldRetry(attempt -> {
                    delays.add(attempt.delay());
                    return false;
                })
                .build();
        for (int i = 0; i < 50; i++) {
            HandlerFunction wrapped = retry.wrap(message -> {
                throw new IllegalStateException("boom");
            });
            assertThatThrownBy(() -> wrapped.handle(Message.of(new byte[0])));
        }

        assertThat(delays).allSatisfy(delay -> assertThat(delay)
                .isBetween(Duration.ofMillis(50), Duration.ofMillis(150)));
        assertThat(delays.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void shouldRetryFalseGivesUpWithTheFailure() {
        HandlerFunction wrapped = quick().maxRetries(5)
                .shouldRetry(attempt -> !(attempt.error() instanceof IllegalStateException))
                .build().wrap(failing(Integer.MAX_VALUE));

        assertThatThrownBy(() -> wrapped.handle(Message.of(new byte[0]))).hasMessage("failure 1");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void onRetryHookSeesEachRetryNumberAndTheFailureBeforeIt() {
        List<String> seen = new CopyOnWriteArrayList<>();
        HandlerFunction wrapped = quick().maxRetries(3)
                .onRetry(attempt -> seen.add(attempt.retryNumber() + ":" + attempt.error().getMessage()))
                .build().wrap(failing(Integer.MAX_VALUE));

        assertThatThrownBy(() -> wrapped.handle(Message.of(new byte[0])));

        assertThat(seen).containsExactly("1:failure 1", "2:failure 2", "3:failure 3");
    }

    @Test
    void maxElapsedTimeStopsRetriesThatWouldStartTooLate() {
        HandlerFunction wrapped = Retry.builder().maxRetries(10).initialInterval(Duration.ofMillis(100)).multiplier(1)
                .randomizationFactor(0).maxElapsedTime(Duration.ofMillis(150))
                .build().wrap(failing(Integer.MAX_VALUE));

        assertThatThrownBy(() -> wrapped.handle(Message.of(new byte[0]))).hasMessage("failure 2");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void waitingStopsWhenTheMessageContextEnds() {
        Message message = Message.of(new byte[0]);
        message.setContext(message.context().withTimeout(Duration.ofMillis(50)));
        HandlerFunction wrapped = Retry.builder().maxRetries(3).initialInterval(Duration.ofSeconds(30))
                .build().wrap(failing(Integer.MAX_VALUE));

        long started = System.nanoTime();
        assertThatThrownBy(() -> wrapped.handle(message)).hasMessage("failure 1");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void errorsAreNotRetried() {
        HandlerFunction wrapped = quick().maxRetries(3).build().wrap(message -> {
            attempts.incrementAndGet();
            throw new AssertionError("bug");
        });

        assertThatThrownBy(() -> wrapped.handle(Message.of(new byte[0]))).isInstanceOf(AssertionError.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void errorsAreRetriedWithARecovererInside() {
        HandlerFunction handler = message -> {
            attempts.incrementAndGet();
            throw new AssertionError("bug");
        };
        HandlerFunction wrapped = quick().maxRetries(2).build().wrap(new Recoverer().wrap(handler));

        assertThatThrownBy(() -> wrapped.handle(Message.of(new byte[0]))).isInstanceOf(HandlerPanicException.class);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> Retry.builder().maxRetries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Retry.builder().multiplier(0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Retry.builder().randomizationFactor(2)).isInstanceOf(IllegalArgumentException.class);
    }
}
