package io.lakestream.bench.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The read limit: Kafka's own consumer, one thread, polling the whole topic from the beginning and
 * touching nothing but the record sizes. Nothing that reads the topic can go faster on this
 * machine.
 */
public final class KafkaReadPeer {

    private final String bootstrap;
    private final String topic;

    public KafkaReadPeer(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    /** Reads every record; returns how many. */
    public long run() {
        try (KafkaConsumer<byte[], byte[]> consumer = open(bootstrap)) {
            List<TopicPartition> partitions = TopicEnd.partitions(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long records = 0;
            long bytes = 0;
            while (!TopicEnd.reached(consumer, end)) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    records++;
                    bytes += r.serializedValueSize();
                }
            }
            if (bytes == 0 && records > 0) {
                throw new IllegalStateException("records without values");
            }
            return records;
        }
    }

    /** A consumer tuned for a bulk read: large fetches, no group, no commits. */
    static KafkaConsumer<byte[], byte[]> open(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        return new KafkaConsumer<>(p);
    }
}
