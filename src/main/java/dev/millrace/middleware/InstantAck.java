package dev.millrace.middleware;

import dev.millrace.router.HandlerFunction;
import dev.millrace.router.Middleware;

/**
 * Acks the incoming message before the handler runs, so the broker can hand out the next one at once. This trades
 * at-least-once for throughput: a message whose handler then fails is not redelivered (the router's later nack
 * loses to the ack). Produced messages are still published as usual.
 */
public final class InstantAck implements Middleware {

    @Override
    public HandlerFunction wrap(HandlerFunction next) {
        return message -> {
            message.ack();
            return next.handle(message);
        };
    }
}
