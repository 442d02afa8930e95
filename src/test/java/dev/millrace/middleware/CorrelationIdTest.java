package dev.millrace.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import dev.millrace.router.HandlerFunction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationIdTest {

    private static Message message(String... metadata) {
        return new Message(Message.newId(), Metadata.of(metadata), "x".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void producedMessagesInheritTheIncomingCorrelationId() throws Exception {
        Message first = message();
        Message second = message();
        HandlerFunction wrapped = new CorrelationId().wrap(incoming -> List.of(first, second));

        wrapped.handle(message(Message.CORRELATION_ID, "flow-1"));

        assertThat(first.metadata().get(Message.CORRELATION_ID)).isEqualTo("flow-1");
        assertThat(second.metadata().get(Message.CORRELATION_ID)).isEqualTo("flow-1");
    }

    @Test
    void producedMessageKeepsACorrelationIdOfItsOwn() throws Exception {
        Message own = message(Message.CORRELATION_ID, "own");
        HandlerFunction wrapped = new CorrelationId().wrap(incoming -> List.of(own));

        wrapped.handle(message(Message.CORRELATION_ID, "flow-1"));

        assertThat(own.metadata().get(Message.CORRELATION_ID)).isEqualTo("own");
    }

    @Test
    void nothingIsSetWhenTheIncomingMessageHasNoCorrelationId() throws Exception {
        Message produced = message();
        HandlerFunction wrapped = new CorrelationId().wrap(incoming -> List.of(produced));

        wrapped.handle(message());

        assertThat(produced.metadata().contains(Message.CORRELATION_ID)).isFalse();
    }
}
