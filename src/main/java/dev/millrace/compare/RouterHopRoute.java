package dev.millrace.compare;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.flows.DemoFlow;
import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.middleware.CorrelationId;
import dev.millrace.middleware.Recoverer;
import dev.millrace.middleware.Retry;
import dev.millrace.middleware.Timeout;
import dev.millrace.router.ConsumerFunction;
import dev.millrace.router.Router;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The talk's demo topology: publisher → {@code incoming_topic} → {@code hello_handler} → {@code outgoing_topic} →
 * consumer handlers, with the demo's router middleware (correlation id, timeout, retry, recoverer). The demo's
 * throttle (10 per second) is left out: it would set the rate instead of the workload. {@code hello_handler} runs
 * {@code consumers} workers and its answers carry the greeting's stamps, so the latency measured at the end is the
 * whole way through.
 */
record RouterHopRoute(String runId, int consumers) implements Route {
    private static final byte[] ANSWER = DemoFlow.ANSWER.getBytes(StandardCharsets.UTF_8);

    String incomingTopic() {
        return DemoFlow.INCOMING_TOPIC + "-" + runId;
    }

    String outgoingTopic() {
        return DemoFlow.OUTGOING_TOPIC + "-" + runId;
    }

    private SubscribeOptions helloGroup() {
        return SubscribeOptions.group(DemoFlow.HELLO_HANDLER + "-" + runId);
    }

    private SubscribeOptions consumerGroup() {
        return SubscribeOptions.group(DemoFlow.OUTGOING_HANDLER + "-" + runId);
    }

    @Override
    public List<String> publishTopics() {
        return List.of(incomingTopic());
    }

    @Override
    public List<String> measuredTopics() {
        return List.of(outgoingTopic());
    }

    @Override
    public void initialize(Subscriber subscriber) {
        subscriber.initialize(incomingTopic(), helloGroup());
        subscriber.initialize(outgoingTopic(), consumerGroup());
    }

    @Override
    public void addHandlers(Router router, BrokerConnection connection, Subscriber subscriber,
            ConsumerFunction measure) {
        router.addMiddleware(
                new CorrelationId(),
                new Timeout(Duration.ofSeconds(10)),
                Retry.builder().maxRetries(5).initialInterval(Duration.ofMillis(100)).build(),
                new Recoverer());
        router.addHandler(DemoFlow.HELLO_HANDLER, incomingTopic(), subscriber, outgoingTopic(),
                        connection.newPublisher(), RouterHopRoute::answer)
                .subscribeOptions(helloGroup())
                .concurrency(consumers);
        for (int c = 0; c < consumers; c++) {
            router.addConsumerHandler(DemoFlow.OUTGOING_HANDLER + "-" + c, outgoingTopic(), subscriber, measure)
                    .subscribeOptions(consumerGroup());
        }
    }

    private static List<Message> answer(Message greeting) {
        Metadata metadata = new Metadata();
        Stamps.carry(greeting, metadata);
        return List.of(new Message(Message.newId(), metadata, ANSWER));
    }
}
