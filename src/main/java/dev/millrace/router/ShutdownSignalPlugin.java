package dev.millrace.router;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the router when the JVM is asked to stop (SIGINT, SIGTERM, {@code System.exit}), through a shutdown hook,
 * so in-flight messages finish and publishers flush before the process ends. The hook is removed again when the
 * router is closed some other way, so a closed router leaves nothing behind in the JVM.
 */
public final class ShutdownSignalPlugin implements Plugin {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignalPlugin.class);

    /** Where hooks are registered; the JVM's in production, a recording one in tests. */
    interface ShutdownHooks {
        void add(Thread hook);

        void remove(Thread hook);
    }

    private static final ShutdownHooks JVM = new ShutdownHooks() {
        @Override
        public void add(Thread hook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void remove(Thread hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping (possibly through this very hook): nothing left to undo.
            }
        }
    };

    private final ShutdownHooks hooks;

    public ShutdownSignalPlugin() {
        this(JVM);
    }

    ShutdownSignalPlugin(ShutdownHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public void onStart(Router router) {
        Thread hook = new Thread(() -> closeOnSignal(router), "millrace-shutdown-signal");
        hooks.add(hook);
        router.onClose(() -> hooks.remove(hook));
    }

    private static void closeOnSignal(Router router) {
        log.info("the JVM is shutting down; closing the router");
        try {
            router.close();
        } catch (RouterCloseTimeoutException e) {
            log.error("the router did not close in time during shutdown", e);
        }
    }
}
