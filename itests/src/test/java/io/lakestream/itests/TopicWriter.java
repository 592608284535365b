package io.lakestream.itests;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes hand-placed records to a topic — chosen partition, timestamp, key and value, records of up
 * to {@link #MAX_BYTES} — and hands back where each landed, so that a test knows every record's
 * provenance (partition and offset) for its oracle.
 */
final class TopicWriter implements AutoCloseable {

    /** Largest record accepted: the topic's max.message.bytes and the producer's request size. */
    static final int MAX_BYTES = 12 * 1024 * 1024;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    TopicWriter(String bootstrap, String topic) {
        this.topic = topic;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_BYTES);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * MAX_BYTES);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(p);
    }

    /** Lets the existing {@code topic} take records of up to {@link #MAX_BYTES}. */
    static void allowLargeRecords(String bootstrap, String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            AlterConfigOp op =
                    new AlterConfigOp(
                            new ConfigEntry(
                                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                    Integer.toString(MAX_BYTES)),
                            AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
        }
    }

    /**
     * Sends one record ({@code partition} null: by the key's hash); {@link #landed} tells where it
     * landed. Records of one partition keep their order (idempotent producer).
     */
    Future<RecordMetadata> send(Integer partition, long timestamp, byte[] key, byte[] value) {
        return producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value));
    }

    /** Where a sent record landed, once acknowledged. */
    static RecordMetadata landed(Future<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending failed", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
