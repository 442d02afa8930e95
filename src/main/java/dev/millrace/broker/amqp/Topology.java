package dev.millrace.broker.amqp;

import com.rabbitmq.client.Channel;
import dev.millrace.message.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How Millrace topics map onto RabbitMQ exchanges, queues and bindings.
 *
 * <p>The default is Watermill's AMQP "pub/sub" layout: one durable topic exchange per topic, named like the topic;
 * one durable queue per consumer group, bound to it with {@code #}; the message key as routing key. A subscription
 * without a group gets an exclusive, auto-deleted queue of its own, which lives as long as the subscription.
 *
 * <p>Name templates use {@code {topic}}, {@code {key}} and {@code {group}}.
 *
 * @param exchangeName       exchange a topic's messages go to
 * @param exchangeType       type of the exchanges Millrace declares
 * @param routingKey         routing key of a published message
 * @param bindingKey         binding key of a subscription's queue
 * @param queueName          queue of a consumer group
 * @param queueType          classic or quorum (group queues only; private queues are always classic)
 * @param durable            exchanges and group queues survive a broker restart
 * @param autoDelete         group queues are deleted when their last subscription ends
 * @param persistentMessages messages are published as persistent (delivery mode 2)
 * @param messageTtl         {@code x-message-ttl} of declared queues, or {@code null}
 * @param maxLength          {@code x-max-length} of declared queues, or {@code null}
 * @param deadLetterExchange {@code x-dead-letter-exchange} of declared queues, or {@code null}
 */
record Topology(String exchangeName, ExchangeType exchangeType, String routingKey, String bindingKey,
                String queueName, QueueType queueType, boolean durable, boolean autoDelete, boolean persistentMessages,
                Duration messageTtl, Long maxLength, String deadLetterExchange) {

    static final String TOPIC = "{topic}";
    static final String KEY = "{key}";
    static final String GROUP = "{group}";
    /** RabbitMQ refuses to declare exchanges with this prefix; they exist already and are only checked. */
    private static final String RESERVED_PREFIX = "amq.";

    enum ExchangeType {
        TOPIC, DIRECT, FANOUT;

        String amqpName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    enum QueueType {
        CLASSIC, QUORUM;

        String amqpName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    String exchange(String topic) {
        return exchangeName.replace(TOPIC, topic);
    }

    String routingKey(String topic, String key) {
        return routingKey.replace(TOPIC, topic).replace(KEY, key == null ? "" : key);
    }

    String bindingKey(String topic) {
        return bindingKey.replace(TOPIC, topic);
    }

    String groupQueue(String topic, String group) {
        return queueName.replace(TOPIC, topic).replace(GROUP, group);
    }

    /** Group queues outlive their subscriptions, so an unacked message comes back to the next subscriber. */
    boolean keepsGroupQueues() {
        return !autoDelete;
    }

    /** Queues and messages outlive a broker restart. */
    boolean survivesRestarts() {
        return durable && persistentMessages;
    }

    boolean carriesKeys() {
        return routingKey.contains(KEY) && exchangeType != ExchangeType.FANOUT;
    }

    /**
     * With one shared topic exchange and the topic in the binding key, a subscription's topic is a binding pattern:
     * {@code orders.*} or {@code orders.#}.
     */
    boolean wildcards() {
        return exchangeType == ExchangeType.TOPIC && !exchangeName.contains(TOPIC) && bindingKey.contains(TOPIC);
    }

    void declareExchange(Channel channel, String exchange) throws IOException {
        if (exchange.startsWith(RESERVED_PREFIX)) {
            channel.exchangeDeclarePassive(exchange);
        } else {
            channel.exchangeDeclare(exchange, exchangeType.amqpName(), durable, false, null);
        }
    }

    /** Declares the group's queue, or a private one when {@code group} is null, and binds it; returns its name. */
    String declareQueue(Channel channel, String topic, String group) throws IOException {
        String exchange = exchange(topic);
        declareExchange(channel, exchange);
        String queue;
        if (group == null) {
            queue = groupQueue(topic, "private-" + Message.newId().substring(0, 13));
            channel.queueDeclare(queue, false, true, true, queueArguments(QueueType.CLASSIC));
        } else {
            queue = groupQueue(topic, group);
            channel.queueDeclare(queue, durable, false, autoDelete, queueArguments(queueType));
        }
        channel.queueBind(queue, exchange, bindingKey(topic));
        return queue;
    }

    private Map<String, Object> queueArguments(QueueType type) {
        Map<String, Object> arguments = new HashMap<>();
        if (type != QueueType.CLASSIC) {
            arguments.put("x-queue-type", type.amqpName());
        }
        if (messageTtl != null) {
            arguments.put("x-message-ttl", messageTtl.toMillis());
        }
        if (maxLength != null) {
            arguments.put("x-max-length", maxLength);
        }
        if (deadLetterExchange != null) {
            arguments.put("x-dead-letter-exchange", deadLetterExchange);
        }
        return arguments;
    }

    /** Combinations RabbitMQ would refuse or that would mix topics, in words naming the options. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        checkPlaceholders(problems, "exchange-name", exchangeName, TOPIC);
        checkPlaceholders(problems, "routing-key", routingKey, TOPIC, KEY);
        checkPlaceholders(problems, "binding-key", bindingKey, TOPIC);
        checkPlaceholders(problems, "queue-name", queueName, TOPIC, GROUP);
        if (exchangeName.isBlank()) {
            problems.add("option 'exchange-name' must not be empty (the nameless default exchange takes no bindings)");
        }
        if (!queueName.contains(TOPIC) || !queueName.contains(GROUP)) {
            problems.add("option 'queue-name' must contain both " + TOPIC + " and " + GROUP
                    + ", or topics and groups would share queues; got '" + queueName + "'");
        }
        if (!exchangeName.contains(TOPIC)) {
            if (exchangeType == ExchangeType.FANOUT) {
                problems.add("one shared exchange (exchange-name without " + TOPIC + ") cannot be a fanout exchange: "
                        + "every subscription would receive every topic");
            } else if (!routingKey.contains(TOPIC) || !bindingKey.contains(TOPIC)) {
                problems.add("one shared exchange (exchange-name without " + TOPIC + ") needs " + TOPIC
                        + " in both 'routing-key' and 'binding-key' to keep topics apart");
            }
        }
        if (queueType == QueueType.QUORUM && (!durable || autoDelete)) {
            problems.add("quorum queues are always durable and never auto-deleted: set durable=true and "
                    + "auto-delete=false, or queue-type=classic");
        }
        if (maxLength != null && maxLength < 0) {
            problems.add("option 'queue-max-length' must not be negative, got " + maxLength);
        }
        return problems;
    }

    private static void checkPlaceholders(List<String> problems, String option, String template,
                                          String... placeholders) {
        String rest = template;
        for (String placeholder : placeholders) {
            rest = rest.replace(placeholder, "");
        }
        if (rest.contains("{") && rest.contains("}")) {
            problems.add("option '" + option + "' may only use the placeholders " + String.join(", ", placeholders)
                    + "; got '" + template + "'");
        }
    }
}
