package io.lakestream.connectors.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Resolves a backfill's ingestion-time range to Kafka offsets, once, before the job starts (the
 * Kafka source's own timestamp initializer would resolve them again at every start). Also checks
 * that the cluster answers and the topic exists, with one clear message when not.
 */
public final class ReplayPlanner {

    private final String bootstrap;
    private final KafkaClientSecurity security;
    private final Duration timeout;

    public ReplayPlanner(String bootstrap, Duration timeout) {
        this(bootstrap, KafkaClientSecurity.PLAINTEXT, timeout);
    }

    public ReplayPlanner(String bootstrap, KafkaClientSecurity security, Duration timeout) {
        this.bootstrap = bootstrap;
        this.security = security;
        this.timeout = timeout;
    }

    /** Offsets of the records whose timestamps lie in {@code [fromMillis, toMillis)}. */
    public ReplayPlan plan(String topic, long fromMillis, long toMillis) {
        try (Admin admin = admin()) {
            List<Integer> partitions = partitions(admin, topic);
            Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p : partitions) {
                TopicPartition tp = new TopicPartition(topic, p);
                starts.put(tp, OffsetSpec.forTimestamp(fromMillis));
                ends.put(tp, OffsetSpec.forTimestamp(toMillis));
                latest.put(tp, OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> s = list(admin, starts);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e = list(admin, ends);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> l = list(admin, latest);
            Map<Integer, long[]> offsets = new HashMap<>();
            for (int p : partitions) {
                TopicPartition tp = new TopicPartition(topic, p);
                long end = l.get(tp).offset();
                // -1: no record at or after the timestamp, so the range runs to the end
                long start = s.get(tp).offset() < 0 ? end : s.get(tp).offset();
                long stop = e.get(tp).offset() < 0 ? end : e.get(tp).offset();
                offsets.put(p, new long[] {start, Math.max(start, stop)});
            }
            return new ReplayPlan(topic, fromMillis, toMillis, offsets);
        }
    }

    /** The topic's partition ids; fails clearly if the cluster or the topic is missing. */
    public List<Integer> partitions(String topic) {
        try (Admin admin = admin()) {
            return partitions(admin, topic);
        }
    }

    private List<Integer> partitions(Admin admin, String topic) {
        try {
            TopicDescription d =
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .get(topic);
            return d.partitions().stream().map(p -> p.partition()).sorted().toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new KafkaUnavailableException(
                        "topic '"
                                + topic
                                + "' does not exist on "
                                + bootstrap
                                + " (create it with 'lakestream generate' or your producer)");
            }
            throw unreachable(e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(e);
        }
    }

    private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> list(
            Admin admin, Map<TopicPartition, OffsetSpec> specs) {
        try {
            return admin.listOffsets(specs).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(e);
        }
    }

    private KafkaUnavailableException unreachable(Throwable cause) {
        return KafkaFailures.explain(bootstrap, security, timeout, cause);
    }

    private Admin admin() {
        try {
            return Admin.create(props());
        } catch (KafkaException e) {
            // e.g. a trust store that cannot be read
            throw new KafkaUnavailableException(
                    "cannot create a Kafka client for "
                            + bootstrap
                            + ": "
                            + (e.getCause() == null ? e : e.getCause()).getMessage(),
                    e);
        }
    }

    private Properties props() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(timeout.toMillis(), 5000));
        return security.addTo(p);
    }
}
