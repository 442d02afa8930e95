package dev.millrace.router;

/** A process for {@link ShutdownSignalPluginTest} to send SIGTERM to: it says when its router started and closed. */
public final class ShutdownSignalMain {
    static final String STARTED = "router started";
    static final String CLOSED = "router closed";

    private ShutdownSignalMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Router router = new Router();
        router.addPlugin(new ShutdownSignalPlugin());
        router.onClose(() -> System.out.println(CLOSED));
        router.addPlugin(started -> System.out.println(STARTED));
        router.run();
    }
}
