package dev.millrace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
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
            List<Message> payments = MemoryBroker.messages("payment", 200);
            MemoryBroker.publish(broker, "orders", orders);
            MemoryBroker.publish(broker, "payments", payments);

            Recording recording = store.recorder().start(RecordingRequest.of("all", broker, "orders", "payments"));
            await().atMost(Duration.ofSeconds(30)).until(() -> recording.stats().recorded() == 500);
            recording.stop();
            assertThat(recording.awaitTermination(Duration.ofSeconds(30))).isTrue();

            SessionInfo session = store.query().session(recording.sessionId()).orElseThrow();
            assertThat(session.status()).isEqualTo(SessionStatus.COMPLETE);
            assertThat(session.recorded()).isEqualTo(500);
            assertThat(session.received()).isEqualTo(500);
            assertThat(session.dropped()).isZero();
            List<RecordedEntry> entries = store.query().read(session.id(), MessageFilter.ALL, 0, 1000).entries();
            assertThat(entries).extracting(RecordedEntry::seq).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 500).boxed().toList());
            RecordedMessage first = entries.stream().map(RecordedMessage.class::cast)
                    .filter(message -> message.messageId().equals(orders.get(0).id())).findFirst().orElseThrow();
            assertThat(first.topic()).isEqualTo("orders");
            assertThat(first.envelope().brokerId()).isEqualTo("memory");
            assertThat(first.envelope().sequence()).isEqualTo(1);
            assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("order-0");
            assertThat(first.metadata()).containsEntry("index", "0");
        }
    }
}
