package dev.millrace.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.millrace.app.message.CapturedMessage;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveFeedTest {
    private final BrokerConnection connection = Brokers.require("memory")
            .connect(Map.of("instance", "live-feed-" + Message.newId()));
    private final List<CapturedMessage> tapped = new ArrayList<>();

    @AfterEach
    void closeConnection() {
        connection.close();
    }

    @Test
    void aFeedThatIsNotDrainedKeepsTheNewestMessagesAndCountsTheRestAsDropped() {
        try (LiveFeed feed = new LiveFeed("test", connection, List.of("events"), new LiveFeed.Settings(10, 100),
                this::tap)) {
            feed.start();
            publish("events", 25);
            await().atMost(Duration.ofSeconds(10)).until(feed::received, received -> received == 25);

            List<CapturedMessage> shown = new ArrayList<>();
            feed.drainTo(shown, 100);

            assertThat(shown).extracting(message -> text(message)).containsExactlyElementsOf(
                    IntStream.rangeClosed(16, 25).mapToObj(n -> "message " + n).toList());
            assertThat(feed.dropped()).isEqualTo(15);
        }
    }

    @Test
    void aNewFilterAppliesToNewMessagesAndHandsBackTheRetainedOnesForRefiltering() {
        try (LiveFeed feed = new LiveFeed("test", connection, List.of("events"), new LiveFeed.Settings(100, 100),
                this::tap)) {
            feed.start();
            publish("events", 10);
            await().atMost(Duration.ofSeconds(10)).until(feed::received, received -> received == 10);

            MessageFilter teens = MessageFilter.parse(MessageFilter.Mode.REGEX, "^message 1\\d$");
            List<CapturedMessage> retained = feed.refilter(teens);
            publish("events", 12);
            await().atMost(Duration.ofSeconds(10)).until(feed::received, received -> received == 22);

            List<CapturedMessage> shown = new ArrayList<>();
            feed.drainTo(shown, 100);
            assertThat(retained).hasSize(10);
            assertThat(shown).extracting(LiveFeedTest::text).containsExactly("message 10", "message 11", "message 12");
            assertThat(feed.filteredOut()).isEqualTo(9);
        }
    }

    @Test
    void everyReceivedMessageIsTappedForTheCorrelationIndexWhetherShownOrNot() {
        try (LiveFeed feed = new LiveFeed("test", connection, List.of("a", "b"), new LiveFeed.Settings(2, 10),
                this::tap)) {
            feed.start();
            publish("a", 3);
            publish("b", 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> tappedCount() == 6);

            assertThat(feed.rates().snapshot()).containsOnlyKeys("a", "b");
            assertThat(feed.rates().snapshot().get("a").messages()).isEqualTo(3);
        }
    }

    private synchronized void tap(CapturedMessage message) {
        tapped.add(message);
    }

    private synchronized int tappedCount() {
        return tapped.size();
    }

    private void publish(String topic, int count) {
        try (Publisher publisher = connection.newPublisher()) {
            for (int n = 1; n <= count; n++) {
                publisher.publish(topic, Message.of(("message " + n).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static String text(CapturedMessage message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }
}
