package io.lakestream.connectors.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka source of a run, in one of its two shapes:
 *
 * <ul>
 *   <li>{@link #stream}: unbounded, from the consumer group's committed offsets (the earliest
 *       offsets on a first start); with {@code untilLatest} it stops at the end offsets seen at
 *       start, keeping stream semantics (checkpoints, watermarks);
 *   <li>{@link #replay}: bounded to the offsets of a {@link ReplayPlan}, for a backfill.
 * </ul>
 *
 * <p>Both are Flink's own {@link KafkaSource}; only the offsets differ, so a pipeline never knows
 * which one feeds it.
 *
 * <pre>{@code
 * Source<Decoded, ?, ?> source = KafkaEventSource.stream("localhost:9092", "events", "lakestream", false, decoder);
 * }</pre>
 */
public final class KafkaEventSource {

    private KafkaEventSource() {}

    public static <T> Source<T, KafkaPartitionSplit, KafkaSourceEnumState> stream(
            String bootstrap,
            String topic,
            String groupId,
            boolean untilLatest,
            KafkaRecordDecoder<T> decoder) {
        return stream(
                bootstrap, KafkaClientSecurity.PLAINTEXT, topic, groupId, untilLatest, decoder);
    }

    /**
     * As {@link #stream(String, String, String, boolean, KafkaRecordDecoder)}, secured. With {@code
     * untilLatest}, splits restored from a savepoint stop at the end offsets seen at restart too
     * ({@link StopAtLatestSource}).
     */
    public static <T> Source<T, KafkaPartitionSplit, KafkaSourceEnumState> stream(
            String bootstrap,
            KafkaClientSecurity security,
            String topic,
            String groupId,
            boolean untilLatest,
            KafkaRecordDecoder<T> decoder) {
        KafkaSourceBuilder<T> b =
                base(bootstrap, security, decoder)
                        .setTopics(topic)
                        .setGroupId(Objects.requireNonNull(groupId, "groupId"))
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setProperty("commit.offsets.on.checkpoint", "true");
        if (untilLatest) {
            b.setBounded(OffsetsInitializer.latest());
            Properties admin = new Properties();
            admin.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            admin.putAll(security.clientProperties());
            return new StopAtLatestSource<>(b.build(), topic, admin);
        }
        return b.build();
    }

    public static <T> KafkaSource<T> replay(
            String bootstrap, ReplayPlan plan, KafkaRecordDecoder<T> decoder) {
        return replay(bootstrap, KafkaClientSecurity.PLAINTEXT, plan, decoder);
    }

    /** As {@link #replay(String, ReplayPlan, KafkaRecordDecoder)}, secured. */
    public static <T> KafkaSource<T> replay(
            String bootstrap,
            KafkaClientSecurity security,
            ReplayPlan plan,
            KafkaRecordDecoder<T> decoder) {
        return base(bootstrap, security, decoder)
                .setTopics(plan.topic())
                .setGroupId("lakestream-replay")
                .setStartingOffsets(OffsetsInitializer.offsets(plan.startOffsets()))
                .setBounded(OffsetsInitializer.offsets(plan.endOffsets()))
                .setProperty("commit.offsets.on.checkpoint", "false")
                .build();
    }

    /**
     * A changelog topic (e.g. {@code users}) from its earliest offsets, every time: a point-in-time
     * join needs the versions from before the run's range too, so committed offsets are neither
     * used nor written. {@code bounded}: up to the end offsets seen at start (a backfill, or a
     * stream with {@code --until latest}); else unbounded.
     */
    public static <T> KafkaSource<T> changelog(
            String bootstrap,
            KafkaClientSecurity security,
            String topic,
            boolean bounded,
            KafkaRecordDecoder<T> decoder) {
        KafkaSourceBuilder<T> b =
                base(bootstrap, security, decoder)
                        .setTopics(topic)
                        .setGroupId("lakestream-changelog")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setProperty("commit.offsets.on.checkpoint", "false");
        if (bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /**
     * From given offsets per partition ({@code start}; partitions it does not name from their
     * earliest offset) to {@code stop}, or unbounded when {@code stop} is null: the Kafka half of a
     * lake-then-Kafka read ({@link io.lakestream.connectors.lake.source.LakeKafkaHybrid}). Offsets
     * are not committed to the consumer group, so one run never changes where another starts.
     */
    public static <T> KafkaSource<T> fromOffsets(
            String bootstrap,
            String topic,
            Map<TopicPartition, Long> start,
            OffsetsInitializer stop,
            KafkaRecordDecoder<T> decoder) {
        return fromOffsets(bootstrap, KafkaClientSecurity.PLAINTEXT, topic, start, stop, decoder);
    }

    /**
     * As {@link #fromOffsets(String, String, Map, OffsetsInitializer, KafkaRecordDecoder)},
     * secured.
     */
    public static <T> KafkaSource<T> fromOffsets(
            String bootstrap,
            KafkaClientSecurity security,
            String topic,
            Map<TopicPartition, Long> start,
            OffsetsInitializer stop,
            KafkaRecordDecoder<T> decoder) {
        KafkaSourceBuilder<T> b =
                base(bootstrap, security, decoder)
                        .setTopics(topic)
                        .setGroupId("lakestream-hybrid")
                        .setStartingOffsets(
                                OffsetsInitializer.offsets(start, OffsetResetStrategy.EARLIEST))
                        .setProperty("commit.offsets.on.checkpoint", "false");
        if (stop != null) {
            b.setBounded(stop);
        }
        return b.build();
    }

    private static <T> KafkaSourceBuilder<T> base(
            String bootstrap, KafkaClientSecurity security, KafkaRecordDecoder<T> decoder) {
        KafkaSourceBuilder<T> b =
                KafkaSource.<T>builder()
                        .setBootstrapServers(bootstrap)
                        .setDeserializer(new Deserializer<>(decoder))
                        .setProperty("partition.discovery.interval.ms", "60000")
                        .setProperty("fetch.max.bytes", "52428800")
                        .setProperty("max.partition.fetch.bytes", "8388608")
                        .setProperty("isolation.level", "read_committed");
        // the properties travel inside the serialized source operator, not in the job's
        // configuration, so the REST API's job config never shows the credentials
        security.clientProperties().forEach(b::setProperty);
        return b;
    }

    /** Adapts a {@link KafkaRecordDecoder} to the Kafka source's deserialization schema. */
    private static final class Deserializer<T> implements KafkaRecordDeserializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final KafkaRecordDecoder<T> decoder;

        Deserializer(KafkaRecordDecoder<T> decoder) {
            this.decoder = decoder;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
            out.collect(decoder.decode(record));
        }

        @Override
        public org.apache.flink.api.common.typeinfo.TypeInformation<T> getProducedType() {
            return decoder.producedType();
        }
    }
}
