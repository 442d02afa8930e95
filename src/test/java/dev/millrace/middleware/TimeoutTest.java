package dev.millrace.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.message.Context;
import dev.millrace.message.Message;
import dev.millrace.router.HandlerFunction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TimeoutTest {

    @Test
    void contextIsDoneWithDeadlineExceededAfterTheTimeout() throws Exception {
        AtomicReference<String> cause = new AtomicReference<>();
        HandlerFunction wrapped = new Timeout(Duration.ofMillis(50)).wrap(message -> {
            CountDownLatch done = new CountDownLatch(1);
            message.context().onDone(done::countDown);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            cause.set(message.context().cause().orElseThrow());
            return List.of();
        });

        long started = System.nanoTime();
        wrapped.handle(Message.of(new byte[0]));

        assertThat(cause.get()).isEqualTo("deadline exceeded");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(45));
    }

    @Test
    void handlerThatIgnoresTheDeadlineRunsToTheEnd() throws Exception {
        Message produced = Message.of(new byte[0]);
        AtomicReference<Context> seen = new AtomicReference<>();
        HandlerFunction wrapped = new Timeout(Duration.ofMillis(20)).wrap(message -> {
            seen.set(message.context());
            Thread.sleep(80);
            return List.of(produced);
        });

        List<Message> result = wrapped.handle(Message.of(new byte[0]));

        assertThat(result).containsExactly(produced);
        assertThat(seen.get().cause()).contains("deadline exceeded");
    }

    @Test
    void messageGetsItsOwnContextBackAndTheNarrowedOneEnds() throws Exception {
        Message message = Message.of(new byte[0]);
        Context original = Context.background().withCancel();
        message.setContext(original);
        AtomicReference<Context> seen = new AtomicReference<>();

        new Timeout(Duration.ofSeconds(30)).wrap(m -> {
            seen.set(m.context());
            return List.of();
        }).handle(message);

        assertThat(message.context()).isSameAs(original);
        assertThat(original.isDone()).isFalse();
        assertThat(seen.get()).isNotSameAs(original);
        assertThat(seen.get().isDone()).isTrue();
    }

    @Test
    void messageGetsItsOwnContextBackWhenTheHandlerThrows() {
        Message message = Message.of(new byte[0]);
        Context original = Context.background().withCancel();
        message.setContext(original);

        HandlerFunction wrapped = new Timeout(Duration.ofSeconds(30)).wrap(m -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> wrapped.handle(message)).isInstanceOf(IllegalStateException.class);
        assertThat(message.context()).isSameAs(original);
    }

    @Test
    void narrowedContextEndsWhenTheMessageContextEnds() throws Exception {
        Message message = Message.of(new byte[0]);
        Context original = Context.background().withCancel();
        message.setContext(original);
        AtomicReference<String> cause = new AtomicReference<>();

        new Timeout(Duration.ofSeconds(30)).wrap(m -> {
            original.cancel("subscription closed");
            cause.set(m.context().cause().orElse(null));
            return List.of();
        }).handle(message);

        assertThat(cause.get()).isEqualTo("subscription closed");
    }

    @Test
    void timeoutMustBePositive() {
        assertThatThrownBy(() -> new Timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
