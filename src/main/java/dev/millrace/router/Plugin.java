package dev.millrace.router;

/** Runs once when the router starts, after every handler is subscribed and its workers are running. */
@FunctionalInterface
public interface Plugin {

    void onStart(Router router);
}
