package dev.millrace.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.millrace.message.Message;
import dev.millrace.router.HandlerFunction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final Duration OPEN_FOR = Duration.ofSeconds(10);

    private final AtomicLong clock = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean(true);
    private final AtomicInteger calls = new AtomicInteger();
    private final CircuitBreaker breaker = new CircuitBreaker(3, OPEN_FOR, clock::get);
    private final HandlerFunction wrapped = breaker.wrap(message -> {
        calls.incrementAndGet();
        if (failing.get()) {
            throw new IllegalStateException("down");
        }
        return List.of();
    });

    private Throwable handle() {
        return catchThrowable(() -> wrapped.handle(Message.of(new byte[0])));
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            handle();
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void opensAfterTheThresholdOfConsecutiveFailures() {
        handle();
        handle();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);

        handle();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void successResetsTheCountOfConsecutiveFailures() {
        handle();
        handle();
        failing.set(false);
        handle();
        failing.set(true);
        handle();
        handle();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void openBreakerFailsFastWithoutCallingTheHandler() {
        open();

        Throwable failure = handle();

        assertThat(failure).isInstanceOf(CircuitOpenException.class);
        assertThat(((CircuitOpenException) failure).retryAfter()).isEqualTo(OPEN_FOR);
        assertThat(calls).hasValue(3);
    }

    @Test
    void halfOpenBreakerLetsOnlyOneProbeThrough() throws Exception {
        open();
        clock.addAndGet(OPEN_FOR.toNanos());
        AtomicReference<Throwable> duringProbe = new AtomicReference<>();
        HandlerFunction probing = breaker.wrap(message -> {
            duringProbe.set(catchThrowable(() -> wrapped.handle(Message.of(new byte[0]))));
            return List.of();
        });

        probing.handle(Message.of(new byte[0]));

        assertThat(duringProbe.get()).isInstanceOf(CircuitOpenException.class);
        assertThat(calls).hasValue(3);
    }

    @Test
    void successfulProbeClosesTheBreaker() {
        open();
        clock.addAndGet(OPEN_FOR.toNanos());
        failing.set(false);

        assertThat(handle()).isNull();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void failedProbeOpensTheBreakerAgain() {
        open();
        clock.addAndGet(OPEN_FOR.toNanos());

        assertThat(handle()).isInstanceOf(IllegalStateException.class);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(handle()).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void thresholdMustBePositive() {
        assertThatThrownBy(() -> new CircuitBreaker(0, OPEN_FOR)).isInstanceOf(IllegalArgumentException.class);
    }
}
