package dev.millrace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records what a test published, through the real recorder, and reads sessions back whole. */
final class RecordedSessions {

    private RecordedSessions() {
    }

    /** Publishes {@code messages} to {@code topic}, records them into a new session and waits until it is complete. */
    static SessionInfo record(RecordStore store, BrokerConnection broker, String name, String topic,
            List<Message> messages) throws InterruptedException {
        MemoryBroker.publish(broker, topic, messages);
        Recording recording = store.recorder().start(RecordingRequest.of(name, broker, topic));
        await().atMost(Duration.ofSeconds(60)).until(() -> recording.stats().recorded() >= messages.size());
        recording.stop();
        assertThat(recording.awaitTermination(Duration.ofSeconds(30))).isTrue();
        return store.query().session(recording.sessionId()).orElseThrow();
    }

    /** Every entry of a session, read by keyset pages. */
    static List<RecordedEntry> entries(RecordStore store, long sessionId) {
        List<RecordedEntry> entries = new ArrayList<>();
        long after = 0;
        while (true) {
            Page page = store.query().read(sessionId, MessageFilter.ALL, after, 100);
            entries.addAll(page.entries());
            if (!page.hasMore()) {
                return entries;
            }
            after = page.lastSeq();
        }
    }
}
