package dev.millrace.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path directory;

    private RecordStore store;

    @BeforeEach
    void openStore() {
        store = StoreFixture.open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aSessionRecordedOnOneBrokerReplaysIntoAnotherWithItsOrigin() throws InterruptedException {
        try (BrokerConnection source = MemoryBroker.persistent("replay-source");
             BrokerConnection target = MemoryBroker.persistent("replay-target");
             Subscriber subscriber = target.newSubscriber()) {
            List<Message> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Message message = new Message("id-" + i, Metadata.of("index", String.valueOf(i), "empty", ""),
                        new byte[] {(byte) i, (byte) 0xFF, 0});
                sent.add(message.withKey("key-" + (i % 3)));
            }
            SessionInfo session = RecordedSessions.record(store, source, "to replay", "orders", sent);
            subscriber.initialize("orders-copy", SubscribeOptions.group("check"));

            Replay replay = store.replayer().start(ReplayRequest.of(session.id(), target)
                    .withMapping(new TopicMapping(Map.of("orders", "orders-copy"))));
            assertThat(replay.awaitCompletion(WAIT)).isTrue();

            assertThat(replay.progress()).isEqualTo(new ReplayProgress(session.id(), 50, 50, 50, true, false, null));
            List<Message> received = receive(subscriber, "orders-copy", SubscribeOptions.group("check"), 50);
            for (int i = 0; i < 50; i++) {
                Message original = sent.get(i);
                Message copy = received.get(i);
                assertThat(copy.id()).isEqualTo(original.id());
                assertThat(copy.payload()).isEqualTo(original.payload());
                assertThat(copy.key()).isEqualTo(original.key());
                assertThat(copy.metadata().get("index")).isEqualTo(String.valueOf(i));
                assertThat(copy.metadata().contains("empty")).isTrue();
                assertThat(copy.metadata().get(Replay.REPLAYED_FROM)).isEqualTo(session.id() + "/" + (i + 1));
                assertThat(copy.envelope().topic()).isEqualTo("orders-copy");
            }
        }
    }

    @Test
    void aSessionRecordedOnTheMemoryBrokerReplaysIntoJetStreamByteForByte() throws Exception {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(new Message("js-" + i, Metadata.of("index", String.valueOf(i), "ünïcødé", "✓ 🚀"),
                    new byte[] {(byte) i, (byte) 0xC3, 0x28, 0}));
        }
        SessionInfo session;
        try (BrokerConnection source = MemoryBroker.persistent("replay-to-jetstream")) {
            session = RecordedSessions.record(store, source, "to jetstream", "events", sent);
        }
        try (JetStreamServer server = JetStreamServer.start(directory.resolve("nats"));
             BrokerConnection target = Brokers.require("jetstream").connect(Map.of("servers", server.url()));
             Subscriber subscriber = target.newSubscriber()) {
            subscriber.initialize("replayed", SubscribeOptions.group("check"));

            Replay replay = store.replayer().start(ReplayRequest.of(session.id(), target)
                    .withMapping(new TopicMapping(Map.of("events", "replayed"))));
            assertThat(replay.awaitCompletion(WAIT)).isTrue();

            assertThat(replay.progress().failure()).isNull();
            List<Message> received = receive(subscriber, "replayed", SubscribeOptions.group("check"), 20);
            assertThat(received).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(received.get(i).id()).isEqualTo(sent.get(i).id());
                assertThat(received.get(i).payload()).isEqualTo(sent.get(i).payload());
                assertThat(received.get(i).metadata().get("ünïcødé")).isEqualTo("✓ 🚀");
                assertThat(received.get(i).metadata().get(Replay.REPLAYED_FROM))
                        .isEqualTo(session.id() + "/" + (i + 1));
            }
        }
    }

    @Test
    void aFilteredReplaySendsOnlyTheSelectedPartAndNoGapMarkers() throws InterruptedException {
        SessionInfo session = SessionFiles.importEntries(store, "mixed", List.of(message(1, "a", 0),
                new GapMarker(0, 2, "memory", null, "a", T0, 0, 5), message(3, "b", 1), message(4, "a", 2)));
        try (BrokerConnection target = MemoryBroker.persistent("replay-filtered");
             Subscriber subscriber = target.newSubscriber()) {
            subscriber.initialize("a", SubscribeOptions.group("check"));
            subscriber.initialize("b", SubscribeOptions.group("check"));

            Replay replay = store.replayer().start(ReplayRequest.of(session.id(), target)
                    .withFilter(MessageFilter.ALL.withTopic("a")));
            assertThat(replay.awaitCompletion(WAIT)).isTrue();

            assertThat(replay.progress().sent()).isEqualTo(2);
            assertThat(receive(subscriber, "a", SubscribeOptions.group("check"), 2)).extracting(Message::id)
                    .containsExactly("m1", "m4");
            assertThat(receive(subscriber, "b", SubscribeOptions.group("check"), 0)).isEmpty();
        }
    }

    @Test
    void originalTimingKeepsTheRecordedGapsBetweenMessages() throws InterruptedException {
        List<Long> arrivals = replayTimed(ReplayTiming.ORIGINAL);

        assertThat(arrivals.get(1) - arrivals.get(0)).isBetween(550L, 1_500L);
        assertThat(arrivals.get(2) - arrivals.get(1)).isBetween(250L, 1_200L);
    }

    @Test
    void scaledTimingDividesTheRecordedGapsBySpeed() throws InterruptedException {
        List<Long> arrivals = replayTimed(ReplayTiming.scaled(3.0));

        assertThat(arrivals.get(1) - arrivals.get(0)).isBetween(180L, 550L);
        assertThat(arrivals.get(2) - arrivals.get(1)).isBetween(80L, 290L);
    }

    @Test
    void cancelStopsAReplayThatWaitsForItsNextMessage() throws InterruptedException {
        SessionInfo session = SessionFiles.importEntries(store, "slow", List.of(message(1, "t", 0),
                message(2, "t", 60_000)));
        try (BrokerConnection target = MemoryBroker.persistent("replay-cancel")) {
            Replay replay = store.replayer().start(ReplayRequest.of(session.id(), target)
                    .withTiming(ReplayTiming.ORIGINAL));
            while (replay.progress().sent() < 1) {
                Thread.sleep(10);
            }

            replay.cancel();

            assertThat(replay.awaitCompletion(Duration.ofSeconds(5))).isTrue();
            assertThat(replay.progress().cancelled()).isTrue();
            assertThat(replay.progress().sent()).isEqualTo(1);
        }
    }

    /** Replays three messages recorded 0, 900 and 1 500 ms after T0; returns their arrival times in ms. */
    private List<Long> replayTimed(ReplayTiming timing) throws InterruptedException {
        SessionInfo session = SessionFiles.importEntries(store, "timed", List.of(message(1, "t", 0),
                message(2, "t", 900), message(3, "t", 1_500)));
        try (BrokerConnection target = MemoryBroker.persistent("replay-timed-" + timing.getClass().getSimpleName());
             Subscriber subscriber = target.newSubscriber();
             Subscription subscription = subscriber.subscribe("t")) {
            store.replayer().start(ReplayRequest.of(session.id(), target).withTiming(timing));
            List<Long> arrivals = new ArrayList<>();
            while (arrivals.size() < 3) {
                Message message = subscription.receive(WAIT);
                assertThat(message).isNotNull();
                arrivals.add(System.nanoTime() / 1_000_000);
                message.ack();
            }
            return arrivals;
        }
    }

    private static List<Message> receive(Subscriber subscriber, String topic, SubscribeOptions options, int count)
            throws InterruptedException {
        List<Message> received = new ArrayList<>();
        try (Subscription subscription = subscriber.subscribe(topic, options)) {
            while (true) {
                Message message = subscription.receive(Duration.ofMillis(received.size() < count ? 30_000 : 200));
                if (message == null) {
                    return received;
                }
                message.ack();
                received.add(message);
            }
        }
    }

    private static RecordedMessage message(int seq, String topic, long millisAfterStart) {
        Instant at = T0.plusMillis(millisAfterStart);
        return new RecordedMessage(0, seq, "m" + seq, null, new Envelope("memory", topic, null, Envelope.NONE, seq,
                at, at, seq, false), null, Map.of(), ("payload " + seq).getBytes(StandardCharsets.UTF_8));
    }
}
