package dev.millrace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Metadata;
import dev.millrace.message.StartPosition;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

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
    void recordsEveryMessageOfEveryTopicWithItsEnvelopeThenCompletesOnStop() throws InterruptedException {
        try (BrokerConnection broker = MemoryBroker.persistent("recorder-all")) {
            List<Message> orders = MemoryBroker.messages("order", 300);
            MemoryBroker.publish(broker, "orders", orders);
            MemoryBroker.publish(broker, "payments", MemoryBroker.messages("payment", 200));

            Recording recording = store.recorder().start(RecordingRequest.of("all", broker, "orders", "payments"));
            await().atMost(WAIT).until(() -> recording.stats().recorded() == 500);
            recording.stop();
            assertThat(recording.awaitTermination(WAIT)).isTrue();

            SessionInfo session = store.query().session(recording.sessionId()).orElseThrow();
            assertThat(session.status()).isEqualTo(SessionStatus.COMPLETE);
            assertThat(session.endedAt()).isNotNull();
            assertThat(List.of(session.received(), session.recorded(), session.dropped())).containsExactly(500L, 500L,
                    0L);
            List<RecordedEntry> entries = RecordedSessions.entries(store, session.id());
            assertThat(entries).extracting(RecordedEntry::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 500).boxed().toList());
            RecordedMessage first = entries.stream().map(RecordedMessage.class::cast)
                    .filter(message -> message.messageId().equals(orders.get(0).id())).findFirst().orElseThrow();
            assertThat(first.topic()).isEqualTo("orders");
            assertThat(first.envelope().brokerId()).isEqualTo("memory");
            assertThat(first.envelope().sequence()).isEqualTo(1);
            assertThat(first.envelope().brokerTimestamp()).isNotNull();
            assertThat(first.envelope().receivedAt()).isBetween(session.createdAt(), session.endedAt());
            assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("order-0");
            assertThat(first.metadata()).containsEntry("index", "0");
        }
    }

    @Test
    void keysAndCorrelationIdsAreRecordedInTheirOwnColumns() throws InterruptedException {
        try (BrokerConnection broker = MemoryBroker.persistent("recorder-keys")) {
            Message message = new Message("m1", Metadata.of(Message.CORRELATION_ID, "chain-9"), new byte[] {1})
                    .withKey("customer-1");

            SessionInfo session = RecordedSessions.record(store, broker, "keys", "t", List.of(message));

            RecordedMessage recorded = (RecordedMessage) RecordedSessions.entries(store, session.id()).get(0);
            assertThat(recorded.envelope().key()).isEqualTo("customer-1");
            assertThat(recorded.correlationId()).isEqualTo("chain-9");
        }
    }

    @Test
    void withAcknowledgementsEveryCommittedMessageIsAckedAndNothingIsLeftForTheGroup() throws InterruptedException {
        try (BrokerConnection broker = MemoryBroker.persistent("recorder-acks")) {
            MemoryBroker.publish(broker, "t", MemoryBroker.messages("m", 50));
            SubscribeOptions group = SubscribeOptions.group("recorders");

            Recording recording = store.recorder().start(RecordingRequest.of("acks", broker, "t")
                    .withSubscriptions(List.of(SubscriptionSpec.of("t").withOptions(group))));
            await().atMost(WAIT).until(() -> recording.stats().recorded() == 50);
            recording.close();

            assertThat(recording.acksAfterCommit()).isTrue();
            assertThat(nextFor(broker, "t", group)).isNull();
        }
    }

    @Test
    void aStoreFailureHandsTheUncommittedMessagesBackToTheBroker() throws Exception {
        try (BrokerConnection broker = MemoryBroker.persistent("recorder-failure")) {
            SubscribeOptions group = SubscribeOptions.group("recorders");
            Recording recording = store.recorder().start(RecordingRequest.of("fails", broker, "t")
                    .withSubscriptions(List.of(SubscriptionSpec.of("t").withOptions(group))));
            MemoryBroker.publish(broker, "t", MemoryBroker.messages("small", 3));
            await().atMost(WAIT).until(() -> recording.stats().recorded() == 3);
            try (Connection connection = store.database().connection();
                 Statement statement = connection.createStatement()) {
                statement.execute(
                        "ALTER TABLE message_block_data ADD CONSTRAINT small_only CHECK (OCTET_LENGTH(data) < 400)");
            }

            Message big = new Message("too-big", new byte[500]);
            MemoryBroker.publish(broker, "t", List.of(big));
            assertThat(recording.awaitTermination(WAIT)).isTrue();

            assertThat(recording.stats().state()).isEqualTo(RecordingState.FAILED);
            assertThat(recording.stats().failure()).contains("SMALL_ONLY");
            SessionInfo session = store.query().session(recording.sessionId()).orElseThrow();
            assertThat(session.status()).isEqualTo(SessionStatus.INTERRUPTED);
            assertThat(RecordedSessions.entries(store, session.id())).hasSize(3);
            Message redelivered = nextFor(broker, "t", group);
            assertThat(redelivered).isNotNull();
            assertThat(redelivered.id()).isEqualTo("too-big");
        }
    }

    @Test
    void withoutAcknowledgementsAnOverflowIsCountedAndStoredAsGapMarkers() throws InterruptedException {
        try (BrokerConnection broker = MemoryBroker.transientInstance("recorder-overflow", Map.of())) {
            SubscribeOptions group = SubscribeOptions.group("recorders");
            try (Subscriber keeper = broker.newSubscriber()) {
                keeper.initialize("fast", group);
                MemoryBroker.publish(broker, "fast", MemoryBroker.messages("m", 20_000));
            }
            RecorderSettings tiny = RecorderSettings.DEFAULTS.withQueueCapacity(10).withBatch(10, Duration.ZERO);

            Recording recording = store.recorder().start(RecordingRequest.of("overflow", broker, "fast")
                    .withSubscriptions(List.of(SubscriptionSpec.of("fast").withOptions(group)))
                    .withSettings(tiny));
            await().atMost(WAIT).until(() -> recording.stats().received() == 20_000);
            recording.close();

            RecordingStats stats = recording.stats();
            assertThat(recording.acksAfterCommit()).isFalse();
            assertThat(stats.dropped()).isPositive();
            assertThat(stats.recorded() + stats.dropped()).isEqualTo(20_000);
            List<RecordedEntry> entries = RecordedSessions.entries(store, recording.sessionId());
            List<GapMarker> gaps = entries.stream().filter(GapMarker.class::isInstance).map(GapMarker.class::cast)
                    .toList();
            assertThat(gaps).isNotEmpty().allSatisfy(gap -> assertThat(gap.topic()).isEqualTo("fast"));
            assertThat(gaps.stream().mapToLong(GapMarker::droppedCount).sum()).isEqualTo(stats.dropped());
            SessionInfo session = store.query().session(recording.sessionId()).orElseThrow();
            assertThat(session.dropped()).isEqualTo(stats.dropped());
            assertThat(session.recorded()).isEqualTo(stats.recorded());
        }
    }

    @Test
    void aMessageLimitStopsTheRecordingByItselfAfterExactlyThatMany() throws InterruptedException {
        try (BrokerConnection broker = MemoryBroker.persistent("recorder-limit")) {
            MemoryBroker.publish(broker, "t", MemoryBroker.messages("m", 40));

            Recording recording = store.recorder().start(RecordingRequest.of("limited", broker, "t")
                    .withSettings(RecorderSettings.DEFAULTS.withMessageLimit(25)));

            assertThat(recording.awaitTermination(WAIT)).isTrue();
            SessionInfo session = store.query().session(recording.sessionId()).orElseThrow();
            assertThat(session.status()).isEqualTo(SessionStatus.COMPLETE);
            assertThat(session.recorded()).isEqualTo(25);
            assertThat(RecordedSessions.entries(store, session.id())).hasSize(25);
        }
    }

    @Test
    void listenersSeeTheCountersGrowAndTheEnd() throws InterruptedException {
        try (BrokerConnection broker = MemoryBroker.persistent("recorder-listener")) {
            List<RecordingStats> seen = new CopyOnWriteArrayList<>();
            Recording recording = store.recorder().start(RecordingRequest.of("listened", broker, "t"));
            recording.addListener(seen::add);

            MemoryBroker.publish(broker, "t", MemoryBroker.messages("m", 20));
            await().atMost(WAIT).until(() -> recording.stats().recorded() == 20);
            recording.close();

            assertThat(seen).extracting(RecordingStats::recorded).isSorted().contains(20L);
            assertThat(seen.getLast().state()).isEqualTo(RecordingState.COMPLETE);
        }
    }

    @Test
    void severalReadersInOneConsumerGroupRecordEveryMessageOnce() throws InterruptedException {
        try (BrokerConnection broker = MemoryBroker.persistent("recorder-readers")) {
            List<Message> messages = MemoryBroker.messages("m", 400);
            MemoryBroker.publish(broker, "t", messages);

            Recording recording = store.recorder().start(RecordingRequest.of("parallel", broker, "t")
                    .withSubscriptions(List.of(SubscriptionSpec.of("t").withReaders(8))));
            await().atMost(WAIT).until(() -> recording.stats().recorded() == 400);
            recording.close();

            Set<String> ids = new HashSet<>();
            RecordedSessions.entries(store, recording.sessionId())
                    .forEach(entry -> ids.add(((RecordedMessage) entry).messageId()));
            assertThat(ids).containsExactlyInAnyOrderElementsOf(messages.stream().map(Message::id).toList());
        }
    }

    @Test
    void aSubscriptionThatCannotBeOpenedLeavesNoSession() {
        try (BrokerConnection broker = MemoryBroker.persistent("recorder-bad-topic")) {
            RecordingRequest request = RecordingRequest.of("bad", broker, "t")
                    .withSubscriptions(List.of(SubscriptionSpec.of("t"),
                            SubscriptionSpec.of("t").withOptions(SubscribeOptions.group("g")),
                            SubscriptionSpec.of("t").withOptions(SubscribeOptions.group("g")
                                    .startingAt(StartPosition.LATEST))));

            assertThatThrownBy(() -> store.recorder().start(request)).isInstanceOf(MessagingException.class);
            assertThat(store.query().sessions()).isEmpty();
        }
    }

    private static Message nextFor(BrokerConnection broker, String topic, SubscribeOptions group)
            throws InterruptedException {
        try (Subscriber subscriber = broker.newSubscriber();
             Subscription subscription = subscriber.subscribe(topic, group)) {
            Message message = subscription.receive(Duration.ofMillis(500));
            if (message != null) {
                message.ack();
            }
            return message;
        }
    }
}
