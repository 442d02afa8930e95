package dev.millrace.broker.kafka;

import dev.millrace.broker.BrokerAdmin;
import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicDetails.ConsumerInfo;
import dev.millrace.broker.TopicDetails.PartitionInfo;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.Message;
import dev.millrace.message.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The browse side: topics with their message counts and sizes, one topic's partitions, configs and consumer groups,
 * and the latest messages of a topic read by a consumer that belongs to no group and never commits.
 */
final class KafkaAdmin implements BrokerAdmin {
    private static final Duration PEEK_POLL = Duration.ofMillis(200);

    private final KafkaConnection connection;

    KafkaAdmin(KafkaConnection connection) {
        this.connection = connection;
    }

    /** Topics other than Kafka's internal ones; the count is end minus start offset, summed over partitions. */
    @Override
    public List<TopicInfo> listTopics() {
        Admin admin = connection.adminClient();
        Set<String> names = connection.await(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(),
                "listing topics");
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = connection.await(admin.describeTopics(names).allTopicNames(),
                "describing topics");
        List<TopicPartition> partitions = descriptions.values().stream().flatMap(KafkaAdmin::partitions).toList();
        Map<TopicPartition, Long> starts = connection.offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = connection.offsets(partitions, OffsetSpec.latest());
        Map<String, Long> bytes = leaderBytes(descriptions.values());
        Map<String, Long> counts = new HashMap<>();
        for (TopicPartition partition : partitions) {
            counts.merge(partition.topic(), ends.get(partition) - starts.get(partition), Long::sum);
        }
        return names.stream().sorted()
                .map(name -> new TopicInfo(name, "topic", counts.getOrDefault(name, 0L),
                        bytes.getOrDefault(name, TopicInfo.UNKNOWN)))
                .toList();
    }

    @Override
    public TopicDetails describeTopic(String topic) {
        Admin admin = connection.adminClient();
        TopicDescription description = connection.await(admin.describeTopics(List.of(topic)).allTopicNames(),
                "describing topic '" + topic + "'").get(topic);
        List<TopicPartition> partitions = partitions(description).toList();
        Map<TopicPartition, Long> starts = connection.offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = connection.offsets(partitions, OffsetSpec.latest());

        List<PartitionInfo> partitionInfos = partitions.stream()
                .map(partition -> new PartitionInfo(partition.partition(), starts.get(partition), ends.get(partition)))
                .toList();
        long count = partitionInfos.stream().mapToLong(info -> info.nextSequence() - info.firstSequence()).sum();
        long bytes = leaderBytes(List.of(description)).getOrDefault(topic, TopicInfo.UNKNOWN);
        return new TopicDetails(new TopicInfo(topic, "topic", count, bytes), attributes(description),
                partitionInfos, consumers(topic, partitions, starts, ends));
    }

    /**
     * The last {@code count} messages across all partitions, oldest first: each partition is read from
     * {@code count} before its end, then the newest {@code count} of all are kept, ordered by broker timestamp.
     */
    @Override
    public List<Message> peek(String topic, int count) {
        if (count <= 0) {
            return List.of();
        }
        List<TopicPartition> partitions = connection.partitions(topic);
        Map<TopicPartition, Long> starts = connection.offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = connection.offsets(partitions, OffsetSpec.latest());
        List<TopicPartition> withData = partitions.stream()
                .filter(partition -> ends.get(partition) > starts.get(partition)).toList();
        if (withData.isEmpty()) {
            return List.of();
        }
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = connection.newConsumer(null)) {
            consumer.assign(withData);
            withData.forEach(partition ->
                    consumer.seek(partition, Math.max(starts.get(partition), ends.get(partition) - count)));
            long deadline = System.nanoTime() + connection.options().requestTimeout().toNanos();
            while (!reachedEnds(consumer, withData, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new MessagingException("peeking at '" + topic + "' did not reach the end of every "
                            + "partition within " + connection.options().requestTimeout().toSeconds() + " s");
                }
                consumer.poll(PEEK_POLL).forEach(record -> {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                });
            }
        }
        records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
                .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
        return records.subList(Math.max(0, records.size() - count), records.size()).stream()
                .map(record -> KafkaRecords.toMessage(record, false)).toList();
    }

    private static boolean reachedEnds(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                                       Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
    }

    private static Stream<TopicPartition> partitions(TopicDescription description) {
        return description.partitions().stream()
                .map(info -> new TopicPartition(description.name(), info.partition()));
    }

    /** Layout first (partitions, replicas, in-sync replicas), then every topic config, sensitive ones hidden. */
    private Map<String, String> attributes(TopicDescription description) {
        Map<String, String> attributes = new LinkedHashMap<>();
        List<TopicPartitionInfo> partitions = description.partitions();
        attributes.put("topic id", description.topicId().toString());
        attributes.put("partitions", String.valueOf(partitions.size()));
        attributes.put("replication factor", partitions.isEmpty() ? "0"
                : String.valueOf(partitions.getFirst().replicas().size()));
        long inSync = partitions.stream().mapToLong(info -> info.isr().size()).sum();
        long replicas = partitions.stream().mapToLong(info -> info.replicas().size()).sum();
        attributes.put("in-sync replicas", inSync + " of " + replicas);
        attributes.put("leaders", partitions.stream().map(info -> info.partition() + "→"
                + (info.leader() == null ? "none" : info.leader().idString())).toList().toString());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, description.name());
        Config config = connection.await(connection.adminClient().describeConfigs(List.of(resource)).all(),
                "reading the configs of topic '" + description.name() + "'").get(resource);
        Map<String, String> configs = new TreeMap<>();
        for (ConfigEntry entry : config.entries()) {
            configs.put(entry.name(), entry.isSensitive() ? "(hidden)" : String.valueOf(entry.value()));
        }
        attributes.putAll(configs);
        return attributes;
    }

    /**
     * Consumer groups that committed offsets on the topic or have members assigned to it. The backlog of a
     * partition is its end minus the committed offset; without a committed offset, everything the partition holds,
     * since groups of this adapter start at the oldest message.
     */
    private List<ConsumerInfo> consumers(String topic, List<TopicPartition> partitions,
                                         Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        Admin admin = connection.adminClient();
        Collection<GroupListing> listings = connection.await(
                admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), "listing consumer groups");
        if (listings.isEmpty()) {
            return List.of();
        }
        List<String> groups = listings.stream().map(GroupListing::groupId).sorted().toList();
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = connection.await(
                admin.listConsumerGroupOffsets(specs).all(), "listing consumer group offsets");
        Map<String, ConsumerGroupDescription> descriptions = connection.await(
                admin.describeConsumerGroups(groups).all(), "describing consumer groups");
        List<ConsumerInfo> consumers = new ArrayList<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(group, Map.of());
            boolean hasOffsets = offsets.values().stream().anyMatch(offset -> offset != null);
            ConsumerGroupDescription description = descriptions.get(group);
            int members = description == null ? 0 : (int) description.members().stream()
                    .filter(member -> readsTopic(member, topic)).count();
            if (!hasOffsets && members == 0) {
                continue;
            }
            long pending = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = offsets.get(partition);
                long from = offset == null ? starts.get(partition) : Math.max(offset.offset(), starts.get(partition));
                pending += Math.max(0, ends.get(partition) - from);
            }
            consumers.add(new ConsumerInfo(group, members, pending));
        }
        return consumers;
    }

    private static boolean readsTopic(MemberDescription member, String topic) {
        return member.assignment().topicPartitions().stream().anyMatch(partition -> partition.topic().equals(topic));
    }

    /** Bytes on disk per topic, counting each partition once (at its leader), or nothing if the cluster refuses. */
    private Map<String, Long> leaderBytes(Collection<TopicDescription> descriptions) {
        Map<TopicPartition, Integer> leaders = new HashMap<>();
        for (TopicDescription description : descriptions) {
            for (TopicPartitionInfo info : description.partitions()) {
                Node leader = info.leader();
                if (leader != null) {
                    leaders.put(new TopicPartition(description.name(), info.partition()), leader.id());
                }
            }
        }
        if (leaders.isEmpty()) {
            return Map.of();
        }
        Map<Integer, Map<String, LogDirDescription>> logDirs;
        try {
            logDirs = connection.await(connection.adminClient().describeLogDirs(Set.copyOf(leaders.values()))
                    .allDescriptions(), "describing log directories");
        } catch (MessagingException e) {
            return Map.of();
        }
        Map<String, Long> bytes = new HashMap<>();
        logDirs.forEach((broker, directories) -> directories.values().forEach(directory ->
                directory.replicaInfos().forEach((partition, replica) -> {
                    if (broker.equals(leaders.get(partition)) && !replica.isFuture()) {
                        bytes.merge(partition.topic(), replicaSize(replica), Long::sum);
                    }
                })));
        return bytes;
    }

    private static long replicaSize(ReplicaInfo replica) {
        return Math.max(0, replica.size());
    }
}
