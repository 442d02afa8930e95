package dev.millrace.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import dev.millrace.router.HandlerFunction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger handled = new AtomicInteger();
    private final HandlerFunction counting = message -> {
        handled.incrementAndGet();
        return List.of(Message.of(new byte[0]));
    };

    private static Message message(String payload) {
        return Message.of(payload.getBytes(StandardCharsets.UTF_8));
    }

    private Deduplicator deduplicator() {
        return new Deduplicator(WINDOW, Deduplicator::payloadSha256, clock::get);
    }

    @Test
    void duplicateWithinTheWindowIsDroppedAsHandled() throws Exception {
        HandlerFunction wrapped = deduplicator().wrap(counting);
        wrapped.handle(message("same"));

        List<Message> produced = wrapped.handle(message("same"));

        assertThat(produced).isEmpty();
        assertThat(handled).hasValue(1);
    }

    @Test
    void differentPayloadsAreBothHandled() throws Exception {
        HandlerFunction wrapped = deduplicator().wrap(counting);

        wrapped.handle(message("one"));
        wrapped.handle(message("two"));

        assertThat(handled).hasValue(2);
    }

    @Test
    void sameKeyIsHandledAgainOnceTheWindowHasPassed() throws Exception {
        HandlerFunction wrapped = deduplicator().wrap(counting);
        wrapped.handle(message("same"));

        clock.addAndGet(WINDOW.toNanos() + 1);
        wrapped.handle(message("same"));

        assertThat(handled).hasValue(2);
    }

    @Test
    void keyFunctionDecidesWhatCountsAsADuplicate() throws Exception {
        HandlerFunction wrapped = new Deduplicator(WINDOW, m -> m.metadata().get("order"), clock::get).wrap(counting);

        wrapped.handle(new Message("a", Metadata.of("order", "42"), "first".getBytes(StandardCharsets.UTF_8)));
        wrapped.handle(new Message("b", Metadata.of("order", "42"), "second".getBytes(StandardCharsets.UTF_8)));

        assertThat(handled).hasValue(1);
    }

    @Test
    void failedMessageIsForgottenSoItsRedeliveryIsHandled() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HandlerFunction wrapped = deduplicator().wrap(m -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first try fails");
            }
            return List.of();
        });

        assertThatThrownBy(() -> wrapped.handle(message("same"))).isInstanceOf(IllegalStateException.class);
        wrapped.handle(message("same"));

        assertThat(calls).hasValue(2);
    }

    @Test
    void expiredKeysAreSweptAway() throws Exception {
        Deduplicator deduplicator = deduplicator();
        HandlerFunction wrapped = deduplicator.wrap(counting);
        wrapped.handle(message("one"));
        wrapped.handle(message("two"));

        clock.addAndGet(WINDOW.toNanos() + 1);
        wrapped.handle(message("three"));

        assertThat(deduplicator.size()).isEqualTo(1);
    }

    @Test
    void defaultKeyIsTheSha256OfThePayload() {
        assertThat(Deduplicator.payloadSha256(message("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
