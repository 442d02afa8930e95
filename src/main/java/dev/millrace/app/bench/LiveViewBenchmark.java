package dev.millrace.app.bench;

import dev.millrace.app.flow.CorrelationIndex;
import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Fx;
import dev.millrace.app.fx.FxPulse;
import dev.millrace.app.fx.Theme;
import dev.millrace.app.live.LiveFeed;
import dev.millrace.app.live.LiveView;
import dev.millrace.app.live.LiveViewModel;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The live view's responsiveness under load: the in-memory broker feeds one live view (the real feed, view model
 * and view, with its table, rates chart and correlation index) at rising rates, and the JavaFX pulse interval is
 * recorded with HdrHistogram. Per rate it reports pulse p50/p99/max, messages received, shown and dropped from view,
 * the view model's own time per pulse, and the CPU time the FX and render threads used per pulse (which, unlike wall
 * time, does not grow when other processes compete for the cores; the system load average is printed beside it).
 * At the end, the heap after a full GC. Needs a display (xvfb-run on a server).
 *
 * <pre>
 * xvfb-run -a -s "-screen 0 1920x1200x24" java -Xmx1g -cp target/millrace.jar \
 *     dev.millrace.app.bench.LiveViewBenchmark --rates 10000,100000,500000 --seconds 10,20,20 --total 10000000
 * </pre>
 */
public final class LiveViewBenchmark {
    private static final String TOPIC = "bench";
    private static final int MAX_BATCH = 1_000;
    // The broker keeps what the subscription has not read yet; beyond this backlog the publisher waits, so that the
    // achieved rate is what the live path sustains rather than what fits into the broker's memory.
    private static final long MAX_BACKLOG = 500_000;
    private static final Duration WARM_UP = Duration.ofSeconds(5);

    /** One rate's results. */
    record RateResult(long targetRate, double achievedRate, long received, long shown, long dropped, double p50Millis,
                 double p99Millis, double maxMillis, long pulses, double workP99Millis, double fxCpuP50Millis,
                 double fxCpuP99Millis, double renderCpuP50Millis, double renderCpuP99Millis, double loadAverage) {
    }

    /** The counters of the feed and the view, read together on the FX thread. */
    private record Counters(long received, long shown, long dropped) {
    }

    private final long[] rates;
    private final long[] seconds;
    private final long total;
    private final byte[] payload;
    private final AtomicLong published = new AtomicLong();
    private final Recorder pulses = new Recorder(TimeUnit.SECONDS.toNanos(10), 3);
    private final Recorder work = new Recorder(TimeUnit.SECONDS.toNanos(10), 3);
    // CPU time, not wall time: what a frame costs regardless of how many other processes share the cores.
    private final Recorder fxCpu = new Recorder(TimeUnit.SECONDS.toNanos(10), 3);
    private final Recorder renderCpu = new Recorder(TimeUnit.SECONDS.toNanos(10), 3);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    LiveViewBenchmark(long[] rates, long[] seconds, long total, int payloadBytes) {
        this.rates = rates;
        this.seconds = seconds;
        this.total = total;
        this.payload = payload(payloadBytes);
    }

    public static void main(String[] args) throws InterruptedException {
        long[] rates = {10_000, 100_000, 500_000};
        long[] seconds = {10, 20, 20};
        long total = 10_000_000;
        int payloadBytes = 100;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rates" -> rates = longs(args[i + 1]);
                case "--seconds" -> seconds = longs(args[i + 1]);
                case "--total" -> total = Long.parseLong(args[i + 1]);
                case "--payload" -> payloadBytes = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --rates, --seconds, --total, --payload)");
            }
        }
        if (rates.length != seconds.length) {
            throw new IllegalArgumentException("give one duration per rate");
        }
        new LiveViewBenchmark(rates, seconds, total, payloadBytes).run(System.out);
        Platform.exit();
        System.exit(0);
    }

    void run(PrintStream out) throws InterruptedException {
        startPlatform();
        BrokerConnection connection = Brokers.require("memory").connect(Map.of("instance", "live-bench-" + Message.newId(),
                "persistent", "false", "max-messages", "5000000"));
        Background background = new Background();
        FxPulse pulse = new FxPulse();
        CorrelationIndex index = new CorrelationIndex();
        LiveFeed feed = new LiveFeed("bench", connection, List.of(TOPIC), LiveFeed.Settings.DEFAULT, index::received);
        feed.start();
        LiveViewModel live = Fx.callAndWait(() -> {
            LiveViewModel viewModel = new LiveViewModel("bench", feed, background, LiveViewModel.Settings.DEFAULT);
            Stage stage = new Stage();
            Scene scene = new Scene(new LiveView(viewModel, index, List.of()), 1440, 900);
            Theme.LIGHT.apply(scene);
            stage.setScene(scene);
            stage.show();
            // The view model's own share of each pulse: draining, filtering out, trimming the table.
            pulse.add(now -> {
                long started = System.nanoTime();
                viewModel.onPulse(now);
                work.recordValue(System.nanoTime() - started);
            });
            pulse.start();
            meterPulses().start();
            return viewModel;
        });
        Thread.sleep(1_000);
        out.printf(Locale.ROOT, "Live view responsiveness: in-memory broker → live view, %d-byte payloads with a correlation id, "
                + "%d cores, max heap %d MiB%n", payload.length, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf(Locale.ROOT, "%10s %10s %10s %10s %10s | %7s %7s %7s %6s | %8s %8s %8s %9s %9s | %5s%n",
                "target/s", "achieved/s", "received", "shown", "dropped", "p50 ms", "p99 ms", "max ms", "pulses",
                "vm p99", "fx cpu50", "fx cpu99", "rnd cpu50", "rnd cpu99", "load");
        try (Publisher publisher = connection.newPublisher()) {
            // JIT compilation and first layouts happen here, not in the first measured rate.
            runStage(publisher, feed, live, rates[0], WARM_UP, false);
            for (int i = 0; i < rates.length; i++) {
                boolean last = i == rates.length - 1;
                RateResult result = runStage(publisher, feed, live, rates[i], Duration.ofSeconds(seconds[i]), last);
                out.printf(Locale.ROOT, "%,10d %,10.0f %,10d %,10d %,10d | %7.1f %7.1f %7.1f %6d | %8.2f %8.2f %8.2f %9.2f %9.2f | %5.1f%n",
                        result.targetRate(), result.achievedRate(), result.received(), result.shown(), result.dropped(),
                        result.p50Millis(), result.p99Millis(), result.maxMillis(), result.pulses(), result.workP99Millis(),
                        result.fxCpuP50Millis(), result.fxCpuP99Millis(), result.renderCpuP50Millis(),
                        result.renderCpuP99Millis(), result.loadAverage());
            }
        }
        Thread.sleep(1_000);
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.printf(Locale.ROOT, "after %,d messages: heap used %d MiB (committed %d MiB, max %d MiB); table rows %d; "
                        + "correlation flows kept %,d%n", published.get(), heap.getUsed() >> 20, heap.getCommitted() >> 20,
                heap.getMax() >> 20, Fx.callAndWait(() -> live.rows().size()), index.size());
        feed.close();
        connection.close();
        background.close();
    }

    /**
     * Publishes at {@code rate} for {@code duration} (the last stage goes on until the total is reached), then lets the
     * view drain for a second, and reads the pulse histogram of the stage.
     */
    private RateResult runStage(Publisher publisher, LiveFeed feed, LiveViewModel live, long rate, Duration duration,
                           boolean last) throws InterruptedException {
        Counters before = counters(feed, live);
        long published0 = published.get();
        pulses.getIntervalHistogram();
        work.getIntervalHistogram();
        fxCpu.getIntervalHistogram();
        renderCpu.getIntervalHistogram();
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        long sent = 0;
        List<Message> batch = new ArrayList<>(MAX_BATCH);
        while (System.nanoTime() < end || (last && published.get() < total)) {
            long due = (long) ((System.nanoTime() - started) / 1e9 * rate);
            if (due <= sent || published.get() - feed.received() > MAX_BACKLOG) {
                LockSupport.parkNanos(200_000);
                continue;
            }
            int size = (int) Math.min(MAX_BATCH, due - sent);
            batch.clear();
            for (int i = 0; i < size; i++) {
                Message message = Message.of(payload);
                message.metadata().set(Message.CORRELATION_ID, Message.newId());
                batch.add(message);
            }
            publisher.publish(TOPIC, batch);
            sent += size;
            published.addAndGet(size);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        // Let the subscription catch up with what the broker still holds, then give the view a few frames.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (feed.received() < published.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        Histogram histogram = pulses.getIntervalHistogram();
        Histogram workHistogram = work.getIntervalHistogram();
        Histogram fxCpuHistogram = fxCpu.getIntervalHistogram();
        Histogram renderCpuHistogram = renderCpu.getIntervalHistogram();
        Counters after = counters(feed, live);
        return new RateResult(rate, (published.get() - published0) / elapsed, after.received() - before.received(),
                after.shown() - before.shown(), after.dropped() - before.dropped(),
                histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                histogram.getMaxValue() / 1e6, histogram.getTotalCount(), workHistogram.getValueAtPercentile(99) / 1e6,
                fxCpuHistogram.getValueAtPercentile(50) / 1e6, fxCpuHistogram.getValueAtPercentile(99) / 1e6,
                renderCpuHistogram.getValueAtPercentile(50) / 1e6, renderCpuHistogram.getValueAtPercentile(99) / 1e6,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static Counters counters(LiveFeed feed, LiveViewModel live) {
        return Fx.callAndWait(() -> new Counters(feed.received(), live.shownTotal(), live.droppedTotal()));
    }

    /**
     * Records the time between consecutive pulses (what the user sees as frame pacing), and the CPU time the FX
     * thread and the render thread used in between.
     */
    private AnimationTimer meterPulses() {
        long renderThread = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("QuantumRenderer")).mapToLong(Thread::threadId)
                .findFirst().orElse(-1);
        return new AnimationTimer() {
            private long previous;
            private long previousFxCpu;
            private long previousRenderCpu;

            @Override
            public void handle(long now) {
                long current = System.nanoTime();
                long fx = threads.getCurrentThreadCpuTime();
                long render = renderThread < 0 ? 0 : threads.getThreadCpuTime(renderThread);
                if (previous != 0) {
                    long cap = TimeUnit.SECONDS.toNanos(10);
                    pulses.recordValue(Math.min(current - previous, cap));
                    fxCpu.recordValue(Math.min(Math.max(0, fx - previousFxCpu), cap));
                    renderCpu.recordValue(Math.min(Math.max(0, render - previousRenderCpu), cap));
                }
                previous = current;
                previousFxCpu = fx;
                previousRenderCpu = render;
            }
        };
    }

    private static byte[] payload(int size) {
        String frame = "{\"order\": 1234567, \"item\": \"coffee\", \"note\": \"\"}";
        String note = "x".repeat(Math.max(0, size - frame.length()));
        return ("{\"order\": 1234567, \"item\": \"coffee\", \"note\": \"" + note + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static long[] longs(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
    }

    private static void startPlatform() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        Platform.setImplicitExit(false);
        started.await();
    }
}
