package dev.millrace.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.millrace.message.Message;
import dev.millrace.router.HandlerFunction;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecovererTest {

    private static Throwable failureOf(HandlerFunction handler) {
        HandlerFunction wrapped = new Recoverer().wrap(handler);
        return catchThrowable(() -> wrapped.handle(Message.of(new byte[0])));
    }

    private static List<Message> explode(Message message) {
        throw new IllegalStateException("boom");
    }

    @Test
    void runtimeExceptionBecomesAHandlerPanicCarryingItsStackTrace() {
        Throwable failure = failureOf(RecovererTest::explode);

        assertThat(failure).isInstanceOf(HandlerPanicException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.lang.IllegalStateException: boom")
                .hasMessageContaining("RecovererTest.explode");
        assertThat(((HandlerPanicException) failure).stackTraceText()).contains("RecovererTest.explode");
    }

    @Test
    void errorBecomesAHandlerPanic() {
        Throwable failure = failureOf(message -> {
            throw new StackOverflowError();
        });

        assertThat(failure).isInstanceOf(HandlerPanicException.class).hasCauseInstanceOf(StackOverflowError.class);
    }

    @Test
    void outOfMemoryErrorPassesThroughUnchanged() {
        OutOfMemoryError outOfMemory = new OutOfMemoryError("heap");

        assertThat(failureOf(message -> {
            throw outOfMemory;
        })).isSameAs(outOfMemory);
    }

    @Test
    void checkedExceptionPassesThroughUnchanged() {
        IOException io = new IOException("disk");

        assertThat(failureOf(message -> {
            throw io;
        })).isSameAs(io);
    }

    @Test
    void successPassesThrough() throws Exception {
        Message produced = Message.of(new byte[0]);

        assertThat(new Recoverer().wrap(message -> List.of(produced)).handle(Message.of(new byte[0])))
                .containsExactly(produced);
    }
}
