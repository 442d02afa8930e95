package dev.millrace.compare;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.router.ConsumerFunction;
import dev.millrace.router.Router;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Publisher → topic → consumer handlers. Each topic has one consumer group whose {@code consumers} members split its
 * messages. Topic and group names carry the run id, so that runs never share state on a broker.
 */
record DirectRoute(String runId, int topicCount, int consumers) implements Route {

    @Override
    public List<String> publishTopics() {
        return IntStream.range(0, topicCount).mapToObj(this::topic).toList();
    }

    @Override
    public List<String> measuredTopics() {
        return publishTopics();
    }

    private String topic(int index) {
        return "compare-" + runId + "-" + index;
    }

    private SubscribeOptions group(int index) {
        return SubscribeOptions.group("compare-" + runId + "-" + index);
    }

    @Override
    public void initialize(Subscriber subscriber) {
        for (int t = 0; t < topicCount; t++) {
            subscriber.initialize(topic(t), group(t));
        }
    }

    @Override
    public void addHandlers(Router router, BrokerConnection connection, Subscriber subscriber,
            ConsumerFunction measure) {
        for (int t = 0; t < topicCount; t++) {
            for (int c = 0; c < consumers; c++) {
                router.addConsumerHandler("consumer-" + t + "-" + c, topic(t), subscriber, measure)
                        .subscribeOptions(group(t));
            }
        }
    }
}
