package dev.millrace.app.fx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.animation.AnimationTimer;

/**
 * The one frame clock of the workbench. Everything that moves data from worker threads onto the screen registers
 * here and is called once per JavaFX pulse on the FX thread, so a burst of messages costs one drain per frame
 * instead of one {@code Platform.runLater} per message.
 */
public final class FxPulse {

    /** Called on the FX thread once per pulse with the pulse's time stamp in nanoseconds. */
    @FunctionalInterface
    public interface Listener {
        void onPulse(long nowNanos);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            for (Listener listener : listeners) {
                listener.onPulse(now);
            }
        }
    };
    private boolean running;

    /** Starts the clock; call on the FX thread. */
    public void start() {
        if (!running) {
            running = true;
            timer.start();
        }
    }

    public void stop() {
        running = false;
        timer.stop();
    }

    public void add(Listener listener) {
        listeners.add(listener);
    }

    public void remove(Listener listener) {
        listeners.remove(listener);
    }
}
