package io.lakestream.connectors.lake.source;

import io.lakestream.connectors.kafka.KafkaEventSource;
import io.lakestream.connectors.kafka.KafkaRecordDecoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.source.hybrid.HybridSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.common.TopicPartition;

/**
 * History from the lake, then the Kafka topic from where the lake ends: Flink's {@link
 * HybridSource} over a {@link LakeSource} and a {@link KafkaSource} that starts, per Kafka
 * partition, at the lake's {@link LakeScan#nextOffsets() next offsets} (the offset after the last
 * record the partitions read hold). For rebuilding a table when Kafka's retention has expired: the
 * lake holds what Kafka no longer has.
 *
 * <p>The switch offsets are fixed at plan time, from the manifests, so a rerun reads the same
 * records. Kafka partitions no manifest in range mentions start at {@link
 * Builder#fallbackStartOffsets} (a replay plan's start offsets), or at their earliest offset. The
 * lake and Kafka parts must produce the same type: the lake mapper and the Kafka decoder both make
 * {@code T}.
 *
 * <pre>{@code
 * HybridSource<Decoded> source = LakeKafkaHybrid.builder(scan, LakeSource.of(scan, mapper, type).build())
 *         .kafka(bootstrap, "events", decoder)
 *         .fallbackStartOffsets(replay.startOffsets())   // optional
 *         .endOffsets(replay.endOffsets())               // bounded; or untilLatest(); default unbounded
 *         .build();
 * env.fromSource(source, watermarks, "lake+kafka: events", type); // HybridSource does not say its type
 * }</pre>
 */
public final class LakeKafkaHybrid {

    private LakeKafkaHybrid() {}

    public static <T> Builder<T> builder(LakeScan scan, Source<T, ?, ?> lakeSource) {
        return new Builder<>(scan, lakeSource);
    }

    /**
     * {@code first} read to its end, then {@code next}: the switch the Kafka hybrid makes, for any
     * second source.
     */
    public static <T> HybridSource<T> then(Source<T, ?, ?> first, Source<T, ?, ?> next) {
        return HybridSource.<T, org.apache.flink.api.connector.source.SplitEnumerator>builder(first)
                .addSource(next)
                .build();
    }

    /**
     * Where the Kafka part starts, per partition: the lake's next offset, else the fallback's; when
     * {@code end} is given, never after the end (the lake may already hold more than the range asks
     * for) and every started partition must have an end.
     */
    static Map<TopicPartition, Long> startOffsets(
            String topic,
            Map<Integer, Long> lakeNext,
            Map<Integer, Long> fallback,
            Map<Integer, Long> end) {
        TreeMap<Integer, Long> start = new TreeMap<>(fallback);
        start.putAll(lakeNext);
        if (end != null) {
            TreeSet<Integer> noEnd = new TreeSet<>(start.keySet());
            noEnd.removeAll(end.keySet());
            if (!noEnd.isEmpty()) {
                throw new IllegalArgumentException(
                        "end offsets of topic '"
                                + topic
                                + "' lack partitions "
                                + noEnd
                                + " that the lake or the fallback start offsets name");
            }
            start.replaceAll((p, o) -> Math.min(o, end.get(p)));
        }
        Map<TopicPartition, Long> m = new LinkedHashMap<>();
        start.forEach((p, o) -> m.put(new TopicPartition(topic, p), o));
        return m;
    }

    /** Builds the hybrid source; {@link #build()} checks the settings. */
    public static final class Builder<T> {
        private final LakeScan scan;
        private final Source<T, ?, ?> lakeSource;
        private String bootstrap;
        private String topic;
        private KafkaRecordDecoder<T> decoder;
        private final Map<Integer, Long> fallback = new TreeMap<>();
        private Map<Integer, Long> end;
        private boolean untilLatest;

        private Builder(LakeScan scan, Source<T, ?, ?> lakeSource) {
            this.scan = Objects.requireNonNull(scan, "scan");
            this.lakeSource = Objects.requireNonNull(lakeSource, "lakeSource");
        }

        /** The topic the lake's rows came from, and how its records become {@code T}. */
        public Builder<T> kafka(String bootstrap, String topic, KafkaRecordDecoder<T> decoder) {
            this.bootstrap = bootstrap;
            this.topic = topic;
            this.decoder = decoder;
            return this;
        }

        /** Start offsets of Kafka partitions the lake's manifests do not mention. */
        public Builder<T> fallbackStartOffsets(Map<TopicPartition, Long> offsets) {
            offsets.forEach((tp, o) -> fallback.put(tp.partition(), o));
            return this;
        }

        /** Bounded: stop at these offsets (exclusive), e.g. a replay plan's end offsets. */
        public Builder<T> endOffsets(Map<TopicPartition, Long> offsets) {
            this.end = new TreeMap<>();
            offsets.forEach((tp, o) -> end.put(tp.partition(), o));
            this.untilLatest = false;
            return this;
        }

        /** Bounded: stop at the end offsets the Kafka part sees when it starts. */
        public Builder<T> untilLatest() {
            this.untilLatest = true;
            this.end = null;
            return this;
        }

        /** Where the Kafka part starts, per partition (see the class comment). */
        public Map<TopicPartition, Long> startOffsets() {
            requireKafka();
            return LakeKafkaHybrid.startOffsets(topic, scan.nextOffsets(), fallback, end);
        }

        /** The Kafka part alone. */
        public KafkaSource<T> kafkaSource() {
            Map<TopicPartition, Long> start = startOffsets();
            OffsetsInitializer stop = null;
            if (end != null) {
                Map<TopicPartition, Long> stops = new LinkedHashMap<>();
                end.forEach((p, o) -> stops.put(new TopicPartition(topic, p), o));
                stop = OffsetsInitializer.offsets(stops);
            } else if (untilLatest) {
                stop = OffsetsInitializer.latest();
            }
            return KafkaEventSource.fromOffsets(bootstrap, topic, start, stop, decoder);
        }

        public HybridSource<T> build() {
            return then(lakeSource, kafkaSource());
        }

        private void requireKafka() {
            if (bootstrap == null || topic == null || decoder == null) {
                throw new IllegalStateException(
                        "the hybrid source needs its Kafka part: call kafka(bootstrap, topic,"
                                + " decoder)");
            }
            if (!scan.topics().isEmpty() && !scan.topics().contains(topic)) {
                throw new IllegalArgumentException(
                        "the lake's "
                                + scan.table()
                                + " partitions were read from topic "
                                + scan.topics()
                                + ", not '"
                                + topic
                                + "': the lake's offsets do not apply to it");
            }
        }
    }
}
