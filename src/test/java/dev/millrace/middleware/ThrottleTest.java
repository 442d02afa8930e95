package dev.millrace.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.message.Context;
import dev.millrace.message.Message;
import dev.millrace.router.HandlerFunction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    private static final HandlerFunction NOTHING = message -> List.of();

    @Test
    void firstMessageDoesNotWait() throws Exception {
        HandlerFunction wrapped = new Throttle(1, Duration.ofSeconds(10)).wrap(NOTHING);

        long started = System.nanoTime();
        wrapped.handle(Message.of(new byte[0]));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void messagesAreSpacedEvenly() throws Exception {
        HandlerFunction wrapped = new Throttle(50, Duration.ofSeconds(1)).wrap(NOTHING);

        long started = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            wrapped.handle(Message.of(new byte[0]));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(99));
    }

    @Test
    void oneLimiterIsSharedByEveryHandlerAndThread() throws Exception {
        Throttle throttle = new Throttle(50, Duration.ofSeconds(1));
        HandlerFunction first = throttle.wrap(NOTHING);
        HandlerFunction second = throttle.wrap(NOTHING);

        long started = System.nanoTime();
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> handleThree(second));
        handleThree(first);
        other.get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(99));
    }

    private static void handleThree(HandlerFunction function) {
        try {
            for (int i = 0; i < 3; i++) {
                function.handle(Message.of(new byte[0]));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void waitingStopsWhenTheMessageContextEnds() throws Exception {
        HandlerFunction wrapped = new Throttle(1, Duration.ofSeconds(30)).wrap(NOTHING);
        wrapped.handle(Message.of(new byte[0]));
        Message second = Message.of(new byte[0]);
        Context context = Context.background().withTimeout(Duration.ofMillis(50));
        second.setContext(context);

        long started = System.nanoTime();
        assertThatThrownBy(() -> wrapped.handle(second))
                .isInstanceOf(CancellationException.class)
                .hasMessageContaining("deadline exceeded");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void countAndPeriodMustBePositive() {
        assertThatThrownBy(() -> new Throttle(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Throttle(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
