package dev.millrace.router;

/**
 * Wraps a handler function in behaviour of its own (retries, timeouts, poison queue, ...). {@link #wrap} is called
 * once per handler when the router starts; the function it returns is called concurrently by the handler's
 * workers, so any state it keeps must be thread-safe.
 */
@FunctionalInterface
public interface Middleware {

    HandlerFunction wrap(HandlerFunction next);
}
