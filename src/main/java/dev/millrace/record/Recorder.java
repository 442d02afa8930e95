package dev.millrace.record;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.Feature;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts recordings: any set of subscriptions on any {@link BrokerConnection} into a new session. Thread-safe; any
 * number of recordings may run at once, each with its own writer thread.
 *
 * <p>Whether messages are acked after the commit (at-least-once into the store) or on receipt (with drops counted
 * and stored as gap markers) follows {@link Feature#PERSISTENT} in the connection's capabilities: only a broker that
 * keeps unacked messages can redeliver what a crash did not commit.
 */
public final class Recorder {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

    private final Database database;
    private final ProfileStore profiles;
    private final Set<Recording> running = ConcurrentHashMap.newKeySet();

    Recorder(Database database, ProfileStore profiles) {
        this.database = database;
        this.profiles = profiles;
    }

    /**
     * Creates the session (status {@code recording}), subscribes and starts recording. Returns at once; the
     * returned {@link Recording} reports progress and stops on request.
     */
    public Recording start(RecordingRequest request) {
        BrokerConnection connection = request.connection();
        Capabilities capabilities = connection.capabilities();
        boolean ackAfterCommit = capabilities.has(Feature.PERSISTENT);
        String adapterId = connection.adapter().id();
        ConnectionProfile profile = request.profile();
        String profileName = profile.isAdHoc() ? null : profile.name();
        long sessionId = database.transaction(sql -> SessionTable.insert(sql, new SessionTable.NewSession(
                request.sessionName(), SessionStatus.RECORDING, Instant.now(), null, adapterId, profileName,
                profiles.withoutSecrets(profile.adapterId(), profile.options()), request.subscriptions(),
                request.notes(), 0, 0, 0)));
        Subscriber subscriber = null;
        List<SubscriptionReader> readers = new ArrayList<>();
        Recording recording;
        try {
            subscriber = connection.newSubscriber();
            recording = new Recording(sessionId, ackAfterCommit, request.settings(), subscriber, running::remove);
            for (SubscriptionSpec spec : request.subscriptions()) {
                readers.addAll(open(subscriber, spec, capabilities, sessionId, recording));
            }
        } catch (RuntimeException e) {
            if (subscriber != null) {
                subscriber.close();
            }
            database.transaction(sql -> SessionTable.delete(sql, sessionId));
            throw e;
        }
        running.add(recording);
        // Counted before the writer starts, which ends the recording once no reader is left.
        readers.forEach(reader -> recording.readerStarted());
        startThread("millrace-record-" + sessionId + "-writer",
                new RecordingWriter(database, recording, request.settings(), adapterId, profileName));
        for (int i = 0; i < readers.size(); i++) {
            startThread("millrace-record-" + sessionId + "-reader-" + i, readers.get(i));
        }
        LOG.info("recording session {} '{}' from {}{} on {} with {} reader(s), acks {}", sessionId,
                request.sessionName(), adapterId, profileName == null ? "" : " (profile " + profileName + ")",
                request.subscriptions().stream().map(SubscriptionSpec::topic).toList(), readers.size(),
                ackAfterCommit ? "after commit" : "on receipt, overflow dropped and marked");
        return recording;
    }

    /** The recordings that have not terminated yet. */
    public List<Recording> running() {
        return List.copyOf(running);
    }

    /** Stops every running recording and waits for each to flush. */
    void stopAll() {
        running().forEach(Recording::stop);
        running().forEach(Recording::close);
    }

    /**
     * Opens what one subscription spec asks for: several readers share one subscription where the broker hands out
     * parallel streams, or join one consumer group where it has groups; otherwise one reader.
     */
    private static List<SubscriptionReader> open(Subscriber subscriber, SubscriptionSpec spec,
            Capabilities capabilities, long sessionId, Recording recording) {
        List<SubscriptionReader> readers = new ArrayList<>();
        if (spec.readers() > 1 && capabilities.has(Feature.PARALLEL_STREAMS)) {
            Subscription subscription = subscriber.subscribe(spec.topic(), spec.options());
            for (int i = 0; i < spec.readers(); i++) {
                readers.add(new SubscriptionReader(recording, subscription, spec.topic()));
            }
        } else if (spec.readers() > 1 && capabilities.has(Feature.CONSUMER_GROUPS)) {
            String group = spec.options().consumerGroup() != null
                    ? spec.options().consumerGroup() : "millrace-record-" + sessionId;
            readers.add(new SubscriptionReader(recording,
                    subscriber.subscribe(spec.topic(), new SubscribeOptions(group, spec.options().start())),
                    spec.topic()));
            // Later members join where the group is: moving a group that has members is not allowed.
            SubscribeOptions join = new SubscribeOptions(group, StartPosition.COMMITTED);
            for (int i = 1; i < spec.readers(); i++) {
                readers.add(new SubscriptionReader(recording, subscriber.subscribe(spec.topic(), join), spec.topic()));
            }
        } else {
            if (spec.readers() > 1) {
                LOG.info("the broker has neither parallel streams nor consumer groups: one reader for '{}'",
                        spec.topic());
            }
            readers.add(new SubscriptionReader(recording, subscriber.subscribe(spec.topic(), spec.options()),
                    spec.topic()));
        }
        return readers;
    }

    private static void startThread(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
