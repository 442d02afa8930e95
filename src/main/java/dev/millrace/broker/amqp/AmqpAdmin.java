package dev.millrace.broker.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The browse side of RabbitMQ, read through the management HTTP API: exchanges (where topics are published) and
 * queues (where messages wait), with depths, bindings and consumers.
 *
 * <p>Peeking reads messages with the API's "get messages" and requeues them ({@code ack_requeue_true}): nothing is
 * consumed, but RabbitMQ marks the peeked messages redelivered. A queue can only be read from its head, so a peek
 * shows the oldest messages waiting, not the latest published.
 */
final class AmqpAdmin implements BrokerAdmin {
    private static final String EXCHANGE = "exchange";
    private static final String QUEUE = "queue";
    /** RabbitMQ's own exchanges (the nameless default one and amq.*), which no Millrace topic uses by default. */
    private static final String BUILT_IN_PREFIX = "amq.";

    private final ManagementApi api;
    private final AmqpSettings settings;

    AmqpAdmin(ManagementApi api, AmqpSettings settings) {
        this.api = api;
        this.settings = settings;
    }

    @Override
    public List<TopicInfo> listTopics() {
        List<TopicInfo> topics = new ArrayList<>();
        for (JsonNode exchange : api.get("exchanges")) {
            String name = exchange.path("name").asText();
            if (!name.isEmpty() && !name.startsWith(BUILT_IN_PREFIX)) {
                topics.add(new TopicInfo(name, EXCHANGE, TopicInfo.UNKNOWN, TopicInfo.UNKNOWN));
            }
        }
        for (JsonNode queue : api.get("queues")) {
            topics.add(queueInfo(queue));
        }
        topics.sort(Comparator.comparing(TopicInfo::kind).thenComparing(TopicInfo::name));
        return topics;
    }

    /** The topic's exchange with its bindings and their queues, or else a queue of that name. */
    @Override
    public TopicDetails describeTopic(String topic) {
        String exchange = settings.topology().exchange(topic);
        Optional<JsonNode> found = api.find("exchanges", exchange);
        if (found.isPresent()) {
            return exchangeDetails(found.get());
        }
        return api.find("queues", topic).map(this::queueDetails).orElseThrow(() -> missing(topic, exchange));
    }

    @Override
    public List<Message> peek(String topic, int count) {
        if (count <= 0) {
            return List.of();
        }
        Optional<String> queue = queueToPeek(topic);
        if (queue.isEmpty()) {
            return List.of();
        }
        JsonNode messages = api.post(Map.of("count", count, "ackmode", "ack_requeue_true", "encoding", "base64"),
                "queues", queue.get(), "get");
        List<Message> peeked = new ArrayList<>();
        for (JsonNode message : messages) {
            peeked.add(toMessage(topic, message));
        }
        return peeked;
    }

    private TopicDetails exchangeDetails(JsonNode exchange) {
        String name = exchange.path("name").asText();
        List<JsonNode> bindings = list(api.get("exchanges", name, "bindings", "source"));
        Set<String> boundQueues = boundQueues(bindings);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kind", EXCHANGE);
        attributes.put("virtual host", exchange.path("vhost").asText());
        attributes.put("type", exchange.path("type").asText());
        attributes.put("durable", exchange.path("durable").asText());
        attributes.put("auto-delete", exchange.path("auto_delete").asText());
        attributes.put("internal", exchange.path("internal").asText());
        putIfPresent(attributes, "arguments", exchange.path("arguments"));
        putIfPresent(attributes, "messages published in", exchange.path("message_stats").path("publish_in"));
        putIfPresent(attributes, "publish rate (msg/s)",
                exchange.path("message_stats").path("publish_in_details").path("rate"));
        attributes.put("bindings", bindings.isEmpty() ? "none" : bindings.stream()
                .map(binding -> binding.path("destination_type").asText() + " '"
                        + binding.path("destination").asText() + "' (binding key '"
                        + binding.path("routing_key").asText() + "')")
                .collect(Collectors.joining("; ")));
        List<TopicDetails.ConsumerInfo> consumers = new ArrayList<>();
        for (JsonNode queue : api.get("queues")) {
            if (boundQueues.contains(queue.path("name").asText())) {
                consumers.add(consumerInfo(queue));
            }
        }
        return new TopicDetails(new TopicInfo(name, EXCHANGE, TopicInfo.UNKNOWN, TopicInfo.UNKNOWN), attributes,
                List.of(new TopicDetails.PartitionInfo(Envelope.NONE, 0, 0)), consumers);
    }

    private TopicDetails queueDetails(JsonNode queue) {
        String name = queue.path("name").asText();
        List<JsonNode> bindings = list(api.get("queues", name, "bindings"));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kind", QUEUE);
        attributes.put("virtual host", queue.path("vhost").asText());
        attributes.put("type", queue.path("type").asText("classic"));
        attributes.put("durable", queue.path("durable").asText());
        attributes.put("auto-delete", queue.path("auto_delete").asText());
        attributes.put("exclusive", queue.path("exclusive").asText());
        putIfPresent(attributes, "arguments", queue.path("arguments"));
        putIfPresent(attributes, "state", queue.path("state"));
        putIfPresent(attributes, "node", queue.path("node"));
        putIfPresent(attributes, "messages ready", queue.path("messages_ready"));
        putIfPresent(attributes, "messages unacknowledged", queue.path("messages_unacknowledged"));
        putIfPresent(attributes, "message bytes", queue.path("message_bytes"));
        putIfPresent(attributes, "consumers", queue.path("consumers"));
        attributes.put("bindings", bindings.stream()
                .map(binding -> "from " + (binding.path("source").asText().isEmpty() ? "the default exchange"
                        : "exchange '" + binding.path("source").asText() + "'")
                        + " (binding key '" + binding.path("routing_key").asText() + "')")
                .collect(Collectors.joining("; ")));
        TopicInfo info = queueInfo(queue);
        return new TopicDetails(info, attributes,
                List.of(new TopicDetails.PartitionInfo(Envelope.NONE, 0, Math.max(0, info.messageCount()))),
                List.of(consumerInfo(queue)));
    }

    /** The queue named {@code topic}, else the fullest queue bound to the topic's exchange. */
    private Optional<String> queueToPeek(String topic) {
        if (api.find("queues", topic).isPresent()) {
            return Optional.of(topic);
        }
        String exchange = settings.topology().exchange(topic);
        Optional<JsonNode> bindings = api.find("exchanges", exchange, "bindings", "source");
        if (bindings.isEmpty()) {
            throw missing(topic, exchange);
        }
        Set<String> bound = boundQueues(list(bindings.get()));
        return list(api.get("queues")).stream()
                .filter(queue -> bound.contains(queue.path("name").asText()))
                .max(Comparator.comparingLong(queue -> queue.path("messages_ready").asLong(0)))
                .map(queue -> queue.path("name").asText());
    }

    private static Message toMessage(String topic, JsonNode fetched) {
        JsonNode properties = fetched.path("properties");
        Map<String, Object> headers = new LinkedHashMap<>();
        properties.path("headers").properties().forEach(header -> headers.put(header.getKey(),
                header.getValue().isArray() ? list(header.getValue()).stream().map(JsonNode::asText).toList()
                        : header.getValue().isValueNode() ? header.getValue().asText() : header.getValue().toString()));
        Date timestamp = properties.has("timestamp") ? new Date(properties.path("timestamp").asLong() * 1000) : null;
        AMQP.BasicProperties amqp = new AMQP.BasicProperties.Builder()
                .messageId(properties.has("message_id") ? properties.path("message_id").asText() : null)
                .correlationId(properties.has("correlation_id") ? properties.path("correlation_id").asText() : null)
                .headers(headers)
                .timestamp(timestamp)
                .build();
        byte[] body = fetched.path("payload_encoding").asText().equals("base64")
                ? Base64.getDecoder().decode(fetched.path("payload").asText())
                : fetched.path("payload").asText().getBytes(StandardCharsets.UTF_8);
        return MessageCodec.received(topic, amqp, body, fetched.path("routing_key").asText(), Envelope.NONE,
                fetched.path("redelivered").asBoolean());
    }

    private static Set<String> boundQueues(List<JsonNode> bindings) {
        return bindings.stream()
                .filter(binding -> binding.path("destination_type").asText().equals(QUEUE))
                .map(binding -> binding.path("destination").asText())
                .collect(Collectors.toSet());
    }

    private static TopicInfo queueInfo(JsonNode queue) {
        return new TopicInfo(queue.path("name").asText(), QUEUE, queue.path("messages").asLong(TopicInfo.UNKNOWN),
                queue.path("message_bytes").asLong(TopicInfo.UNKNOWN));
    }

    private static TopicDetails.ConsumerInfo consumerInfo(JsonNode queue) {
        return new TopicDetails.ConsumerInfo(queue.path("name").asText(), queue.path("consumers").asInt(0),
                queue.path("messages").asLong(0));
    }

    private static void putIfPresent(Map<String, String> attributes, String label, JsonNode value) {
        if (value.isMissingNode() || value.isNull() || (value.isContainerNode() && value.isEmpty())) {
            return;
        }
        attributes.put(label, value.isValueNode() ? value.asText() : value.toString());
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private MessagingException missing(String topic, String exchange) {
        return new MessagingException("RabbitMQ has no exchange '" + exchange + "' and no queue '" + topic
                + "' in virtual host '" + settings.virtualHost() + "'");
    }
}
