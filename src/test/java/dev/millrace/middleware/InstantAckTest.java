package dev.millrace.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.message.Message;
import dev.millrace.message.Outcome;
import dev.millrace.router.HandlerFunction;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InstantAckTest {

    @Test
    void acksTheMessageBeforeTheHandlerRuns() throws Exception {
        AtomicReference<Outcome> seenByHandler = new AtomicReference<>();
        Message message = Message.of(new byte[0]);

        new InstantAck().wrap(m -> {
            seenByHandler.set(m.settled().getNow(null));
            return List.of();
        }).handle(message);

        assertThat(seenByHandler.get()).isEqualTo(Outcome.ACKED);
    }

    @Test
    void aLaterFailureCannotNackTheMessage() {
        Message message = Message.of(new byte[0]);
        HandlerFunction wrapped = new InstantAck().wrap(m -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> wrapped.handle(message)).isInstanceOf(IllegalStateException.class);
        assertThat(message.nack()).isFalse();
        assertThat(message.settled().join()).isEqualTo(Outcome.ACKED);
    }
}
