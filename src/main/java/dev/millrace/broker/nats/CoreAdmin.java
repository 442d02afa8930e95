package dev.millrace.broker.nats;

import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicDetails.ConsumerInfo;
import dev.millrace.broker.TopicDetails.PartitionInfo;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What core NATS can show: the subjects that have subscribers, from the server's monitoring endpoint. Core NATS
 * stores no messages, so counts are zero and {@link #peek} finds nothing.
 */
final class CoreAdmin implements BrokerAdmin {
    /** Subjects of the server's and the clients' own machinery, not topics anybody publishes to. */
    private static final List<String> INTERNAL_PREFIXES = List.of("$", "_INBOX.", "_R_.");

    private final MonitoringClient monitoring;

    /** @param monitoring the server's monitoring endpoint, or null when the connection options named none */
    CoreAdmin(MonitoringClient monitoring) {
        this.monitoring = monitoring;
    }

    /** Subjects with at least one subscription, in alphabetical order. */
    @Override
    public List<TopicInfo> listTopics() {
        return subscriptions().stream()
                .map(MonitoringClient.SubscriptionEntry::subject)
                .filter(subject -> INTERNAL_PREFIXES.stream().noneMatch(subject::startsWith))
                .distinct()
                .sorted()
                .map(subject -> new TopicInfo(subject, "subject", 0, 0))
                .toList();
    }

    /**
     * The subscriptions that receive {@code topic}: queue groups as one consumer each, other subscriptions as one
     * consumer per client connection. Core NATS does not report a backlog, so pending is {@link TopicInfo#UNKNOWN}.
     */
    @Override
    public TopicDetails describeTopic(String topic) {
        Subjects.requireValid(topic, true);
        List<MonitoringClient.SubscriptionEntry> receiving = subscriptions().stream()
                .filter(sub -> sub.subject().equals(topic)
                        || !Subjects.hasWildcard(topic) && Subjects.matches(sub.subject(), topic))
                .toList();
        Map<String, List<MonitoringClient.SubscriptionEntry>> byConsumer = receiving.stream()
                .collect(Collectors.groupingBy(sub -> sub.queueGroup() != null
                        ? sub.queueGroup() : "connection " + sub.clientId(), TreeMap::new, Collectors.toList()));
        List<ConsumerInfo> consumers = new ArrayList<>();
        byConsumer.forEach((name, subs) -> consumers.add(new ConsumerInfo(name, subs.size(), TopicInfo.UNKNOWN)));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kind", "core NATS subject (no storage)");
        attributes.put("subscriptions", String.valueOf(receiving.size()));
        attributes.put("messages delivered to them",
                String.valueOf(receiving.stream().mapToLong(MonitoringClient.SubscriptionEntry::delivered).sum()));
        return new TopicDetails(new TopicInfo(topic, "subject", 0, 0), attributes,
                List.of(new PartitionInfo(0, 0, 0)), consumers);
    }

    /** Core NATS keeps no messages, so there are never any to show. */
    @Override
    public List<Message> peek(String topic, int count) {
        Subjects.requireValid(topic, true);
        return List.of();
    }

    private List<MonitoringClient.SubscriptionEntry> subscriptions() {
        if (monitoring == null) {
            throw new MessagingException("core NATS lists subjects only through the server's monitoring endpoint: "
                    + "set the option '" + NatsAdapter.MONITORING_URL + "' (e.g. http://localhost:8222, the server "
                    + "started with -m 8222)");
        }
        return monitoring.subscriptions();
    }
}
