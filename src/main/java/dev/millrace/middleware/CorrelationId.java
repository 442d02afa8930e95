package dev.millrace.middleware;

import dev.millrace.message.Message;
import dev.millrace.router.HandlerFunction;
import dev.millrace.router.Middleware;
import java.util.List;

/**
 * Copies the incoming message's {@link Message#CORRELATION_ID} onto every produced message that has none of its
 * own, so that one flow can be followed across topics.
 */
public final class CorrelationId implements Middleware {

    @Override
    public HandlerFunction wrap(HandlerFunction next) {
        return message -> {
            List<Message> produced = next.handle(message);
            String correlationId = message.metadata().get(Message.CORRELATION_ID);
            if (produced != null && !correlationId.isEmpty()) {
                for (Message each : produced) {
                    if (each.metadata().get(Message.CORRELATION_ID).isEmpty()) {
                        each.metadata().set(Message.CORRELATION_ID, correlationId);
                    }
                }
            }
            return produced;
        };
    }
}
