package io.lakestream.deploy.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics that back replays so that they keep their history. Kafka deletes records by
 * their timestamps ({@code retention.ms}, 7 days by default), and generated or migrated history is
 * older than that: it would vanish shortly after it is written. Hence {@code retention.ms=-1}.
 */
public final class KafkaTopics {

    /** The topic settings that keep every record: no time-based (or size-based) deletion. */
    public static final Map<String, String> KEEP_HISTORY =
            Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1");

    private static final long TIMEOUT_SECONDS = 30;

    private KafkaTopics() {}

    /**
     * Creates {@code topic} with {@code partitions} partitions and {@link #KEEP_HISTORY}, or, if it
     * exists, sets {@link #KEEP_HISTORY} on it and leaves its partitions as they are.
     *
     * @return the number of partitions the topic has
     */
    public static int ensure(String bootstrapServers, String topic, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            return ensure(admin, topic, partitions);
        }
    }

    /** Like {@link #ensure(String, String, int)}, with an existing admin client. */
    public static int ensure(Admin admin, String topic, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        NewTopic spec = new NewTopic(topic, Optional.of(partitions), Optional.empty());
        try {
            try {
                get(admin.createTopics(List.of(spec.configs(KEEP_HISTORY))).all());
                return partitions;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            List<AlterConfigOp> ops =
                    KEEP_HISTORY.entrySet().stream()
                            .map(
                                    e ->
                                            new AlterConfigOp(
                                                    new ConfigEntry(e.getKey(), e.getValue()),
                                                    AlterConfigOp.OpType.SET))
                            .toList();
            get(admin.incrementalAlterConfigs(Map.of(resource, ops)).all());
            return get(admin.describeTopics(List.of(topic)).topicNameValues().get(topic))
                    .partitions()
                    .size();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KafkaBrokerException(
                    "could not create topic '" + topic + "': " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted while creating topic '" + topic + "'", e);
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
