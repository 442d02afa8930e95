package dev.millrace.cli;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.record.MessageFilter;
import dev.millrace.record.RecordStore;
import dev.millrace.record.RecordStoreException;
import dev.millrace.record.Replay;
import dev.millrace.record.ReplayProgress;
import dev.millrace.record.ReplayRequest;
import dev.millrace.record.ReplayTiming;
import dev.millrace.record.SessionInfo;
import dev.millrace.record.TopicMapping;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Publishes a recorded session to a broker. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a session (or one topic of it) into a broker chosen with --broker/-o, with a topic "
                + "mapping and the original, a scaled or no timing. Each message keeps its id, key and metadata and "
                + "gets '" + Replay.REPLAYED_FROM + "' = <session>/<seq>. Ctrl-C cancels.")
final class ReplayCommand implements Callable<Integer> {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    @Parameters(index = "0", paramLabel = "SESSION", description = "Session id or name (see 'millrace sessions').")
    private String session;

    @Mixin
    private BrokerSelection selection;

    @Option(names = "--map", paramLabel = "RECORDED=TARGET",
            description = "Send messages recorded on RECORDED to TARGET; repeat for several. Others keep their topic.")
    private List<String> mappings = new ArrayList<>();

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only replay this recorded topic.")
    private String topic;

    @Option(names = "--timing", paramLabel = "TIMING", defaultValue = "fast",
            description = "fast (as fast as possible) or original (the recorded gaps). Default: ${DEFAULT-VALUE}.")
    private String timing;

    @Option(names = "--speed", paramLabel = "FACTOR",
            description = "Scaled timing: the recorded gaps divided by FACTOR (2 = twice as fast). Implies timing.")
    private Double speed;

    @Mixin
    private StoreOption storeOption;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ReplayTiming replayTiming = timing();
        TopicMapping mapping = TopicMapping.parse(mappings);
        try (RecordStore store = storeOption.open();
             BrokerConnection target = selection.connect()) {
            SessionInfo info = SessionsCommand.resolve(store, session);
            Replay replay = store.replayer().start(new ReplayRequest(info.id(), MessageFilter.ALL.withTopic(topic),
                    target, mapping, replayTiming));
            out.printf("Replaying session %d '%s' into %s; Ctrl-C cancels.%n", info.id(), info.name(),
                    target.adapter().id());
            out.flush();
            Thread cancelOnSignal = new Thread(() -> cancelAndWait(replay), "millrace-replay-shutdown");
            Runtime.getRuntime().addShutdownHook(cancelOnSignal);
            try {
                while (!replay.awaitCompletion(PROGRESS_EVERY)) {
                    ReplayProgress progress = replay.progress();
                    out.printf("  %d of %d sent%n", progress.sent(), progress.total());
                    out.flush();
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(cancelOnSignal);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is cancelling the replay.
                }
            }
            ReplayProgress progress = replay.progress();
            out.printf("Replayed %d messages of session %d%s.%n", progress.sent(), info.id(),
                    progress.cancelled() ? " (cancelled)" : "");
            if (progress.failure() != null) {
                spec.commandLine().getErr().println("millrace: replay failed: " + progress.failure());
                return 1;
            }
            return 0;
        } catch (RecordStoreException e) {
            return SessionsCommand.fail(spec, e);
        }
    }

    private ReplayTiming timing() {
        if (speed != null) {
            return ReplayTiming.scaled(speed);
        }
        return switch (timing.trim().toLowerCase(Locale.ROOT)) {
            case "fast" -> ReplayTiming.AS_FAST_AS_POSSIBLE;
            case "original" -> ReplayTiming.ORIGINAL;
            default -> throw new IllegalArgumentException("'" + timing + "' is not a timing (fast, original; or "
                    + "--speed FACTOR)");
        };
    }

    private static void cancelAndWait(Replay replay) {
        replay.cancel();
        try {
            replay.awaitCompletion(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
