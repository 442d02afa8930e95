package dev.millrace.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import dev.millrace.message.Metadata;
import dev.millrace.message.Subscription;
import dev.millrace.router.HandlerFunction;
import dev.millrace.router.RouterContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poison queue publishes to a real (in-memory) broker and is read back from it. */
class PoisonQueueTest {
    private static final String POISON = "poison";

    private final BrokerConnection connection =
            Brokers.require("memory").connect(Map.of("instance", "test-" + UUID.randomUUID()));
    private final Subscription poisonTopic = connection.newSubscriber().subscribe(POISON);
    private final HandlerFunction failing = message -> {
        throw new IllegalStateException("cannot handle");
    };

    @AfterEach
    void closeBroker() {
        connection.close();
    }

    private static Message incoming() {
        Message message = new Message("m-1", Metadata.of("origin", "test"), "body".getBytes(StandardCharsets.UTF_8));
        message.setContext(message.context().withValues(Map.of(
                RouterContext.HANDLER_NAME, "h",
                RouterContext.SUBSCRIBE_TOPIC, "in",
                RouterContext.SUBSCRIBER_NAME, "SomeSubscriber")));
        return message;
    }

    private Message poisoned() throws InterruptedException {
        Message message = poisonTopic.receive(Duration.ofSeconds(5));
        assertThat(message).as("a message on the poison topic").isNotNull();
        message.ack();
        return message;
    }

    private boolean poisonTopicIsEmpty() throws InterruptedException {
        return poisonTopic.receive(Duration.ofMillis(100)) == null;
    }

    @Test
    void failingMessageGoesToThePoisonTopicWithReasonAndOrigin() throws Exception {
        new PoisonQueue(connection.newPublisher(), POISON).wrap(failing).handle(incoming());

        Message poisoned = poisoned();
        assertThat(poisoned.id()).isEqualTo("m-1");
        assertThat(poisoned.payload()).isEqualTo("body".getBytes(StandardCharsets.UTF_8));
        assertThat(poisoned.metadata().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "origin", "test",
                PoisonQueue.REASON, "java.lang.IllegalStateException: cannot handle",
                PoisonQueue.TOPIC, "in",
                PoisonQueue.HANDLER, "h",
                PoisonQueue.SUBSCRIBER, "SomeSubscriber"));
    }

    @Test
    void poisonedMessageCountsAsHandledWithNothingProduced() throws Exception {
        List<Message> produced = new PoisonQueue(connection.newPublisher(), POISON).wrap(failing).handle(incoming());

        assertThat(produced).isEmpty();
    }

    @Test
    void incomingMessageIsLeftUnchanged() throws Exception {
        Message incoming = incoming();

        new PoisonQueue(connection.newPublisher(), POISON).wrap(failing).handle(incoming);

        assertThat(incoming.metadata().asMap()).containsExactlyEntriesOf(Map.of("origin", "test"));
    }

    @Test
    void failureTheFilterRejectsIsThrownAndNotPoisoned() throws Exception {
        HandlerFunction wrapped = new PoisonQueue(connection.newPublisher(), POISON,
                failure -> failure instanceof IllegalArgumentException).wrap(failing);

        assertThatThrownBy(() -> wrapped.handle(incoming())).isInstanceOf(IllegalStateException.class);
        assertThat(poisonTopicIsEmpty()).isTrue();
    }

    @Test
    void failedPoisonPublishThrowsTheHandlersFailureWithThePublishFailureAttached() {
        HandlerFunction wrapped = new PoisonQueue(new FailingPublisher(connection.newPublisher()), POISON)
                .wrap(failing);

        Throwable failure = catchThrowable(() -> wrapped.handle(incoming()));

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("cannot handle");
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(MessagingException.class);
    }

    @Test
    void successPublishesNothingToThePoisonTopic() throws Exception {
        Message produced = Message.of(new byte[0]);

        List<Message> result = new PoisonQueue(connection.newPublisher(), POISON)
                .wrap(message -> List.of(produced)).handle(incoming());

        assertThat(result).containsExactly(produced);
        assertThat(poisonTopicIsEmpty()).isTrue();
    }

    @Test
    void errorsPassThroughUnpoisoned() throws Exception {
        HandlerFunction wrapped = new PoisonQueue(connection.newPublisher(), POISON).wrap(message -> {
            throw new AssertionError("bug");
        });

        assertThatThrownBy(() -> wrapped.handle(incoming())).isInstanceOf(AssertionError.class);
        assertThat(poisonTopicIsEmpty()).isTrue();
    }

    @Test
    void panicsArePoisonedWithARecovererInside() throws Exception {
        HandlerFunction wrapped = new PoisonQueue(connection.newPublisher(), POISON)
                .wrap(new Recoverer().wrap(message -> {
                    throw new AssertionError("bug");
                }));

        wrapped.handle(incoming());

        assertThat(poisoned().metadata().get(PoisonQueue.REASON))
                .startsWith(HandlerPanicException.class.getName() + ": handler panicked: java.lang.AssertionError: bug")
                .contains("PoisonQueueTest");
    }

    @Test
    void topicMustNotBeBlank() {
        assertThatThrownBy(() -> new PoisonQueue(connection.newPublisher(), " "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
