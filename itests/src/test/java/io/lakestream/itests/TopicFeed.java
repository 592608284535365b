package io.lakestream.itests;

import io.lakestream.deploy.generate.GeneratedRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A topic that a test feeds in parts (generated records, in their order, keyed and timestamped as
 * {@code lakestream generate} sends them) and whose progress it reads: the end offsets, and the
 * offsets a stream's consumer group has committed, which Flink's Kafka source commits when a
 * checkpoint completes.
 */
final class TopicFeed {

    private final String bootstrap;
    private final String topic;

    TopicFeed(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    /** Sends {@code records} with an idempotent producer (acks=all) and waits for every ack. */
    void publish(List<GeneratedRecord> records) throws ExecutionException, InterruptedException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            java.util.concurrent.Future<?> last = null;
            for (GeneratedRecord r : records) {
                last =
                        producer.send(
                                new ProducerRecord<>(
                                        topic, null, r.timestampMillis(), r.key(), r.value()));
            }
            producer.flush();
            if (last != null) {
                last.get();
            }
        }
    }

    /** The end offset of every partition. */
    Map<TopicPartition, Long> endOffsets() throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            Set<String> names = Set.of(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(names)
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .forEach(
                            i ->
                                    latest.put(
                                            new TopicPartition(topic, i.partition()),
                                            OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get()
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    /** The offsets {@code group} has committed, per partition of the topic. */
    Map<TopicPartition, Long> committed(String group)
            throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> all =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            all.forEach(
                    (tp, o) -> {
                        if (tp.topic().equals(topic) && o != null) {
                            offsets.put(tp, o.offset());
                        }
                    });
            return offsets;
        }
    }

    /**
     * Whether {@code group} has committed at least {@code ends} on every partition named there: a
     * checkpoint covering every record up to them has completed.
     */
    boolean checkpointedPast(String group, Map<TopicPartition, Long> ends)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> committed = committed(group);
        return ends.entrySet().stream()
                .allMatch(e -> committed.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }
}
