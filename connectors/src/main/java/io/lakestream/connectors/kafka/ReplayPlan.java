package io.lakestream.connectors.kafka;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets a backfill replays, resolved once at plan time from record (ingestion) timestamps:
 * per partition, {@code [start, end)}. Recorded in manifests, so a backfill's input is known
 * exactly and a rerun reads the same records.
 */
public final class ReplayPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final long fromMillis;
    private final long toMillis;
    private final TreeMap<Integer, long[]> offsets;

    public ReplayPlan(String topic, long fromMillis, long toMillis, Map<Integer, long[]> offsets) {
        this.topic = topic;
        this.fromMillis = fromMillis;
        this.toMillis = toMillis;
        this.offsets = new TreeMap<>(offsets);
    }

    public String topic() {
        return topic;
    }

    public Map<TopicPartition, Long> startOffsets() {
        Map<TopicPartition, Long> m = new LinkedHashMap<>();
        offsets.forEach((p, r) -> m.put(new TopicPartition(topic, p), r[0]));
        return m;
    }

    public Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, Long> m = new LinkedHashMap<>();
        offsets.forEach((p, r) -> m.put(new TopicPartition(topic, p), r[1]));
        return m;
    }

    /** How many partitions the topic had when the plan was made. */
    public int partitions() {
        return offsets.size();
    }

    public long records() {
        return offsets.values().stream().mapToLong(r -> r[1] - r[0]).sum();
    }

    /**
     * A flat description for manifests: topic, time range, and per partition the offsets replayed
     * as a half-open range, e.g. {@code "0:[0,1011068)"}.
     */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", "kafka-replay");
        m.put("topic", topic);
        m.put("ingestion_from", Instant.ofEpochMilli(fromMillis).toString());
        m.put("ingestion_to", Instant.ofEpochMilli(toMillis).toString());
        StringBuilder sb = new StringBuilder();
        offsets.forEach(
                (p, r) ->
                        sb.append(sb.length() == 0 ? "" : ",")
                                .append(String.format("%d:[%d,%d)", p, r[0], r[1])));
        m.put("offsets", sb.toString());
        return Collections.unmodifiableMap(m);
    }
}
