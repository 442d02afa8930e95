package dev.millrace.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static Message message() {
        return new Message("id-1", Metadata.of("a", "1"), "payload".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ackIsIdempotent() {
        Message message = message();

        assertThat(message.ack()).isTrue();
        assertThat(message.ack()).isTrue();
        assertThat(message.settled()).isCompletedWithValue(Outcome.ACKED);
    }

    @Test
    void nackAfterAckReturnsFalseAndKeepsTheAck() {
        Message message = message();
        message.ack();

        assertThat(message.nack()).isFalse();
        assertThat(message.settled()).isCompletedWithValue(Outcome.ACKED);
    }

    @Test
    void ackAfterNackReturnsFalseAndKeepsTheNack() {
        Message message = message();
        message.nack();

        assertThat(message.ack()).isFalse();
        assertThat(message.settled()).isCompletedWithValue(Outcome.NACKED);
    }

    @Test
    void settlementCallbackRunsOnTheSettlingThread() {
        Message message = message();
        Thread[] settledOn = new Thread[1];
        message.settled().thenRun(() -> settledOn[0] = Thread.currentThread());

        message.ack();

        assertThat(settledOn[0]).isSameAs(Thread.currentThread());
    }

    @Test
    void copyHasTheSameIdPayloadAndKeyButFreshMetadataAndNoAckState() {
        Message original = message().withKey("k");
        original.ack();

        Message copy = original.copy();
        copy.metadata().set("b", "2");

        assertThat(copy.id()).isEqualTo(original.id());
        assertThat(copy.payload()).isSameAs(original.payload());
        assertThat(copy.key()).isEqualTo("k");
        assertThat(copy.isSettled()).isFalse();
        assertThat(original.metadata().contains("b")).isFalse();
    }

    @Test
    void equalityIsIdMetadataAndPayload() {
        Message one = message();
        Message same = message().withKey("other key");
        Message otherPayload = new Message("id-1", Metadata.of("a", "1"), new byte[] {1});

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one).isNotEqualTo(otherPayload);
    }

    @Test
    void nullPayloadReadsAsEmpty() {
        assertThat(new Message("id", null).payload()).isEmpty();
    }

    @Test
    void newIdIsAVersionFourUuid() {
        String id = Message.newId();

        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(UUID.fromString(id).variant()).isEqualTo(2);
    }

    @Test
    void whenSettledRunsItsActionOnceWithTheOutcome() {
        Message message = message();
        List<Outcome> seen = new ArrayList<>();
        message.whenSettled(seen::add);

        message.nack();
        message.ack();

        assertThat(seen).containsExactly(Outcome.NACKED);
        assertThat(message.outcome()).isEqualTo(Outcome.NACKED);
    }

    @Test
    void whenSettledOnASettledMessageRunsAtOnce() {
        Message message = message();
        message.ack();
        List<Outcome> seen = new ArrayList<>();

        message.whenSettled(seen::add);

        assertThat(seen).containsExactly(Outcome.ACKED);
    }

    @Test
    void everyActionAndTheFutureSeeTheSettlement() {
        Message message = message();
        List<String> seen = new ArrayList<>();
        message.whenSettled(outcome -> seen.add("first " + outcome));
        message.whenSettled(outcome -> seen.add("second " + outcome));
        CompletableFuture<Outcome> future = message.settled();

        message.ack();

        assertThat(seen).containsExactly("first ACKED", "second ACKED");
        assertThat(future).isCompletedWithValue(Outcome.ACKED);
    }

    @Test
    void anUnsettledMessageHasNoOutcome() {
        Message message = message();

        assertThat(message.outcome()).isNull();
        assertThat(message.isSettled()).isFalse();
        assertThat(message.settled()).isNotDone();
    }
}
