package dev.millrace.cli;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.record.ConnectionProfile;
import dev.millrace.record.RecordStore;
import dev.millrace.record.RecordStoreException;
import dev.millrace.record.RecorderSettings;
import dev.millrace.record.Recording;
import dev.millrace.record.RecordingRequest;
import dev.millrace.record.RecordingState;
import dev.millrace.record.RecordingStats;
import dev.millrace.record.SessionInfo;
import dev.millrace.record.SubscriptionSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Records topics of a broker into a new session until a duration, a count or Ctrl-C. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record topics of a broker into a new session of the recording store, until --duration has "
                + "passed, --count messages are recorded, or Ctrl-C (which stops cleanly: everything received is "
                + "written and the session is complete).")
final class RecordCommand implements Callable<Integer> {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    @Mixin
    private BrokerSelection selection;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Connect with a saved connection profile instead of --broker/-o.")
    private String profileName;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", required = true,
            description = "A topic to record; repeat for several.")
    private List<String> topics;

    @Option(names = "--name", paramLabel = "NAME", description = "Session name. Default: broker, topics and time.")
    private String name;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (500ms, 30s, 5m, PT1H).")
    private Duration duration;

    @Option(names = "--count", paramLabel = "N", description = "Stop after exactly N recorded messages.")
    private long count;

    @Option(names = "--group", paramLabel = "GROUP",
            description = "Consumer group to record as (lets a later run continue where this one stopped).")
    private String group;

    @Option(names = "--start", paramLabel = "POSITION", defaultValue = "committed",
            description = "Where to start: committed, earliest, latest, sequence:N or time:ISO-8601. "
                    + "Default: ${DEFAULT-VALUE}.")
    private String start;

    @Option(names = "--readers", paramLabel = "N", defaultValue = "1",
            description = "Streams read at once per topic. With acknowledgements each stream waits for its "
                    + "message's commit, so more readers record faster (order across readers is then by commit). "
                    + "Default: ${DEFAULT-VALUE}.")
    private int readers;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Notes kept with the session.")
    private String notes;

    @Mixin
    private StoreOption storeOption;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (RecordStore store = storeOption.open()) {
            ConnectionProfile profile = profile(store);
            try (BrokerConnection connection = Brokers.require(profile.adapterId()).connect(profile.options())) {
                SubscribeOptions options = new SubscribeOptions(group, SubscriptionSpec.parseStart(start));
                List<SubscriptionSpec> subscriptions = topics.stream()
                        .map(topic -> new SubscriptionSpec(topic, options, readers)).toList();
                String sessionName = name != null ? name
                        : profile.adapterId() + " " + String.join(",", topics) + " " + Instant.now();
                Recording recording = store.recorder().start(RecordingRequest.of(sessionName, connection,
                                subscriptions)
                        .withProfile(profile)
                        .withSettings(RecorderSettings.DEFAULTS.withMessageLimit(count))
                        .withNotes(notes));
                out.printf("Recording session %d '%s' from %s on %s; Ctrl-C stops.%n", recording.sessionId(),
                        sessionName, profile.adapterId(), topics);
                out.flush();
                Thread stopOnSignal = new Thread(recording::close, "millrace-record-shutdown");
                Runtime.getRuntime().addShutdownHook(stopOnSignal);
                try {
                    waitForEnd(recording, out);
                } finally {
                    removeHook(stopOnSignal);
                }
                SessionInfo session = store.query().session(recording.sessionId()).orElseThrow();
                RecordingStats stats = recording.stats();
                out.printf("Session %d '%s' %s: %d recorded, %d dropped, %d received.%n", session.id(),
                        session.name(), session.status().name().toLowerCase(Locale.ROOT),
                        session.recorded(), session.dropped(), session.received());
                if (stats.state() == RecordingState.FAILED) {
                    spec.commandLine().getErr().println("millrace: recording failed: " + stats.failure());
                    return 1;
                }
                return 0;
            }
        } catch (RecordStoreException e) {
            return SessionsCommand.fail(spec, e);
        }
    }

    private ConnectionProfile profile(RecordStore store) {
        if (profileName == null) {
            return ConnectionProfile.adHoc(selection.adapter().id(), selection.options());
        }
        return store.profiles().find(profileName).orElseThrow(() -> new IllegalArgumentException(
                "no connection profile named '" + profileName + "'"));
    }

    private void waitForEnd(Recording recording, PrintWriter out) throws InterruptedException {
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (!recording.isTerminated()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                recording.stop();
                recording.awaitTermination(Duration.ofMinutes(1));
                return;
            }
            if (recording.awaitTermination(Duration.ofNanos(Math.min(left, PROGRESS_EVERY.toNanos())))) {
                return;
            }
            RecordingStats stats = recording.stats();
            out.printf("  %d recorded, %d dropped, %d received, %d queued%n", stats.recorded(), stats.dropped(),
                    stats.received(), stats.queued());
            out.flush();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting (Ctrl-C): the hook is running and stops the recording itself.
        }
    }
}
