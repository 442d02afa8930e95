package dev.millrace.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.app.message.CapturedMessage;
import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelationIndexTest {
    private final CorrelationIndex index = new CorrelationIndex();

    @Test
    void theDemoChainReadsPublisherTopicHandlerTopicWithTheLatencyOfEachHop() {
        index.published("c-1", "In-memory", "incoming_topic", "m-1", Instant.now(), 1_000_000);
        index.received(received("m-1", "incoming_topic", "c-1", 3_000_000));
        index.handled("c-1", "hello_handler", "m-1", Instant.now(), 3_500_000);
        index.received(received("m-2", "outgoing_topic", "c-1", 5_500_000));

        FlowTimeline timeline = index.timeline("c-1");

        assertThat(timeline.path()).isEqualTo("incoming_topic → hello_handler → outgoing_topic");
        assertThat(timeline.hops()).containsExactly(
                new FlowTimeline.Hop("incoming_topic", "hello_handler", 500_000),
                new FlowTimeline.Hop("hello_handler", "outgoing_topic", 2_000_000));
        assertThat(timeline.totalNanos()).isEqualTo(4_500_000);
    }

    @Test
    void aMessageIsOnItsTopicNoLaterThanTheHandlerThatConsumedItStarted() {
        index.handled("c-3", "hello_handler", "m-1", Instant.now(), 2_000);
        index.received(received("m-1", "incoming_topic", "c-3", 2_500));
        index.received(received("m-2", "outgoing_topic", "c-3", 9_000));

        FlowTimeline timeline = index.timeline("c-3");

        assertThat(timeline.path()).isEqualTo("incoming_topic → hello_handler → outgoing_topic");
        assertThat(timeline.hops()).first().isEqualTo(new FlowTimeline.Hop("incoming_topic", "hello_handler", 0));
    }

    @Test
    void aTopicSeenAgainAfterTheHandlerIsNamedOnceInThePath() {
        index.published("c-5", "In-memory", "incoming_topic", "m-1", Instant.now(), 1_000);
        index.handled("c-5", "hello_handler", "m-1", Instant.now(), 2_000);
        index.received(received("m-3", "incoming_topic", "c-5", 4_000));
        index.received(received("m-2", "outgoing_topic", "c-5", 9_000));

        FlowTimeline timeline = index.timeline("c-5");

        assertThat(timeline.steps()).hasSize(4);
        assertThat(timeline.path()).isEqualTo("incoming_topic → hello_handler → outgoing_topic");
    }

    @Test
    void theSameMessageSeenByTwoLiveViewsIsOneStep() {
        CapturedMessage message = received("m-1", "incoming_topic", "c-2", 10);
        index.received(message);
        index.received(message);

        assertThat(index.timeline("c-2").steps()).hasSize(1);
    }

    @Test
    void messagesWithoutACorrelationIdAreNotIndexed() {
        index.received(received("m-1", "incoming_topic", "", 10));

        assertThat(index.size()).isZero();
    }

    @Test
    void theLeastRecentlyTouchedFlowsAreForgottenBeyondTheBound() {
        CorrelationIndex small = new CorrelationIndex(2);
        small.received(received("m-1", "t", "first", 1));
        small.received(received("m-2", "t", "second", 2));
        small.received(received("m-3", "t", "third", 3));

        assertThat(small.timeline("first").isEmpty()).isTrue();
        assertThat(small.timeline("third").steps()).hasSize(1);
    }

    private static CapturedMessage received(String id, String topic, String correlationId, long nanos) {
        Map<String, String> metadata = correlationId.isEmpty() ? Map.of() : Map.of(Message.CORRELATION_ID, correlationId);
        return new CapturedMessage(id, "In-memory", "memory", topic, "", Envelope.NONE, Envelope.NONE, null,
                Instant.now(), nanos, false, metadata, new byte[0], 0);
    }
}
