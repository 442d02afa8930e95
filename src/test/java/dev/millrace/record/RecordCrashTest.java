package dev.millrace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recording processes killed with SIGKILL: the store reopens, the session is interrupted, every committed message is
 * intact, and with a broker that has acknowledgements, what was not committed is delivered again to the next run.
 */
class RecordCrashTest {
    private static final Logger LOG = LoggerFactory.getLogger(RecordCrashTest.class);
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path directory;

    @Test
    void killedWhileRecordingFromJetStreamNothingIsLostEverythingUncommittedComesBackToTheNextRun() throws Exception {
        int published = 3_000;
        Path data = directory.resolve("data");
        try (JetStreamServer server = JetStreamServer.start(directory.resolve("nats"));
             BrokerConnection broker = Brokers.require("jetstream").connect(Map.of("servers", server.url(),
                     "ack-wait", "2s"))) {
            SubscribeOptions group = SubscribeOptions.group("recorder");
            try (Subscriber subscriber = broker.newSubscriber()) {
                subscriber.initialize(RecordingChild.TOPIC, group);
            }
            publishNumbered(broker, published);

            long committed;
            try (ChildProcess child = ChildProcess.start(directory.resolve("child.log"), "jetstream", data.toString(),
                    server.url(), RecordingChild.TOPIC, "recorder")) {
                child.awaitLine(line -> line.startsWith("COMMITTED ")
                        && Long.parseLong(line.substring(10)) >= published / 3, CHILD_TIMEOUT);
                child.kill();
                committed = child.lastCommitted();
            }

            try (RecordStore store = StoreFixture.open(data)) {
                SessionInfo crashed = store.query().sessions().get(0);
                assertThat(crashed.status()).isEqualTo(SessionStatus.INTERRUPTED);
                Set<Long> firstRun = intactIndexes(store, crashed.id());
                assertThat((long) firstRun.size()).isGreaterThanOrEqualTo(committed);

                Set<Long> secondRun = recordRest(store, broker, group, firstRun, published);

                Set<Long> all = new HashSet<>(firstRun);
                all.addAll(secondRun);
                Set<Long> both = new HashSet<>(firstRun);
                both.retainAll(secondRun);
                LOG.info("published {}, committed before the kill {} (child had reported {}), delivered again to the "
                        + "next run {}, of which {} were already recorded", published, firstRun.size(), committed,
                        secondRun.size(), both.size());
                assertThat(all).containsExactlyInAnyOrderElementsOf(
                        LongStream.range(0, published).boxed().toList());
            }
        }
    }

    @Test
    void killedWhileRecordingAtFullSpeedWithoutAcksEveryCommittedRowIsIntact() throws Exception {
        Path data = directory.resolve("data");
        long committed;
        try (ChildProcess child = ChildProcess.start(directory.resolve("child.log"), "memory", data.toString())) {
            child.awaitLine(line -> line.startsWith("COMMITTED ") && Long.parseLong(line.substring(10)) >= 5_000,
                    CHILD_TIMEOUT);
            child.kill();
            committed = child.lastCommitted();
        }

        try (RecordStore store = StoreFixture.open(data)) {
            SessionInfo crashed = store.query().sessions().get(0);
            assertThat(crashed.status()).isEqualTo(SessionStatus.INTERRUPTED);
            assertThat((long) intactIndexes(store, crashed.id()).size()).isGreaterThanOrEqualTo(committed);
        }
    }

    @Test
    void aStoreHeldByAnotherProcessIsRefusedWithAClearMessage() throws Exception {
        Path data = directory.resolve("data");
        try (ChildProcess child = ChildProcess.start(directory.resolve("child.log"), "hold", data.toString())) {
            child.awaitLine("OPEN"::equals, CHILD_TIMEOUT);

            assertThatThrownBy(() -> StoreFixture.open(data))
                    .isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining("millrace.mv.db is in use by another process");
        }
    }

    /**
     * Checks every entry of the session: sequence numbers 1, 2, 3... without holes, each message exactly as
     * published (id, payload, metadata); returns the message numbers.
     */
    private static Set<Long> intactIndexes(RecordStore store, long sessionId) {
        Set<Long> indexes = new HashSet<>();
        long expectedSeq = 1;
        for (RecordedEntry entry : RecordedSessions.entries(store, sessionId)) {
            assertThat(entry.seq()).isEqualTo(expectedSeq++);
            if (entry instanceof RecordedMessage message) {
                long index = Long.parseLong(message.metadata().get("index"));
                assertThat(message.messageId()).isEqualTo("crash-" + index);
                assertThat(message.payload()).isEqualTo(RecordingChild.payload(index));
                assertThat(message.topic()).isEqualTo(RecordingChild.TOPIC);
                indexes.add(index);
            }
        }
        return indexes;
    }

    /** Records the group again until every message has been seen in one run or the other. */
    private static Set<Long> recordRest(RecordStore store, BrokerConnection broker, SubscribeOptions group,
            Set<Long> firstRun, int published) throws InterruptedException {
        Recording again = store.recorder().start(RecordingRequest.of("after the crash", broker,
                List.of(new SubscriptionSpec(RecordingChild.TOPIC, group, 4))));
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            Set<Long> seen = new HashSet<>(firstRun);
            seen.addAll(indexes(store, again.sessionId()));
            return seen.size() == published;
        });
        again.close();
        return indexes(store, again.sessionId());
    }

    private static Set<Long> indexes(RecordStore store, long sessionId) {
        Set<Long> indexes = new HashSet<>();
        for (RecordedEntry entry : RecordedSessions.entries(store, sessionId)) {
            indexes.add(Long.parseLong(((RecordedMessage) entry).metadata().get("index")));
        }
        return indexes;
    }

    private static void publishNumbered(BrokerConnection broker, int count) {
        try (Publisher publisher = broker.newPublisher()) {
            List<Message> batch = new ArrayList<>();
            for (long index = 0; index < count; index++) {
                Message message = new Message("crash-" + index, RecordingChild.payload(index));
                message.metadata().set("index", String.valueOf(index));
                batch.add(message);
                if (batch.size() == 100) {
                    publisher.publish(RecordingChild.TOPIC, batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                publisher.publish(RecordingChild.TOPIC, batch);
            }
        }
    }
}
