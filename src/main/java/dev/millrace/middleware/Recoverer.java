package dev.millrace.middleware;

import dev.millrace.router.HandlerFunction;
import dev.millrace.router.Middleware;

/**
 * Turns an unchecked exception or an error thrown by the handler into a {@link HandlerPanicException} carrying
 * the original stack trace, so that middleware outside it (retry, poison queue) treat it as an ordinary failure.
 * Add it after them, which puts it inside them. {@link VirtualMachineError}s other than {@link StackOverflowError}
 * pass through unchanged: running out of memory is the JVM's state, not the message's fault, and must not poison
 * a message.
 */
public final class Recoverer implements Middleware {

    @Override
    public HandlerFunction wrap(HandlerFunction next) {
        return message -> {
            try {
                return next.handle(message);
            } catch (RuntimeException | Error panic) {
                if (panic instanceof VirtualMachineError && !(panic instanceof StackOverflowError)) {
                    throw panic;
                }
                throw new HandlerPanicException(panic);
            }
        };
    }
}
