package io.lakestream.bench.state;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a stream has checkpointed through a topic: the offsets its consumer group committed
 * (Flink's Kafka source commits them when a checkpoint completes) over the topic's end offsets.
 */
final class GroupProgress implements AutoCloseable {

    private final Admin admin;
    private final String topic;
    private final String group;
    private final long records;

    GroupProgress(String bootstrap, String topic, String group)
            throws ExecutionException, InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(p);
        this.topic = topic;
        this.group = group;
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(java.util.Set.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .forEach(
                        i ->
                                latest.put(
                                        new TopicPartition(topic, i.partition()),
                                        OffsetSpec.latest()));
        this.records =
                admin.listOffsets(latest).all().get().values().stream()
                        .mapToLong(i -> i.offset())
                        .sum();
    }

    /** Records in the topic (the sum of its end offsets). */
    long records() {
        return records;
    }

    /** The share of the topic's records the group has committed, 0..1. */
    double committedShare() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> all =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long committed = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : all.entrySet()) {
            if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                committed += e.getValue().offset();
            }
        }
        return records == 0 ? 1 : (double) committed / records;
    }

    @Override
    public void close() {
        admin.close();
    }
}
