package io.lakestream.job.lineage;

import io.lakestream.connectors.kafka.ReplayPlan;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of a topic a run read, per Kafka partition, as half-open ranges {@code [start, end)}
 * — the form of Kafka's own positions: a backfill's replay plan is exactly that; a stream's is the
 * union of the offsets of the rows in the partitions it published ({@code offsets_of_rows} of their
 * manifests, inclusive, so {@code end = last + 1}).
 */
public final class KafkaOffsetRanges {

    private final TreeMap<Integer, long[]> ranges = new TreeMap<>();

    private KafkaOffsetRanges() {}

    /** The offsets a backfill's plan replays. */
    public static KafkaOffsetRanges of(ReplayPlan plan) {
        KafkaOffsetRanges r = new KafkaOffsetRanges();
        Map<TopicPartition, Long> ends = plan.endOffsets();
        plan.startOffsets().forEach((tp, start) -> r.add(tp.partition(), start, ends.get(tp)));
        return r;
    }

    /**
     * The union of manifests' {@code offsets_of_rows} texts ({@code "0:[12,99],1:[3,80]"},
     * inclusive); texts that are null are skipped.
     *
     * @throws IllegalArgumentException if a text is not of that form
     */
    public static KafkaOffsetRanges ofRowOffsets(Collection<String> texts) {
        KafkaOffsetRanges r = new KafkaOffsetRanges();
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            for (String part : text.split("(?<=\\]),")) {
                int colon = part.indexOf(':');
                int comma = part.indexOf(',', colon);
                if (colon < 1 || comma < 0 || !part.endsWith("]")) {
                    throw new IllegalArgumentException("not p:[first,last]: '" + part + "'");
                }
                int p = Integer.parseInt(part.substring(0, colon).trim());
                long first = Long.parseLong(part.substring(colon + 2, comma).trim());
                long last = Long.parseLong(part.substring(comma + 1, part.length() - 1).trim());
                r.add(p, first, last + 1);
            }
        }
        return r;
    }

    private void add(int partition, long start, long end) {
        long[] range = ranges.get(partition);
        if (range == null) {
            ranges.put(partition, new long[] {start, end});
        } else {
            range[0] = Math.min(range[0], start);
            range[1] = Math.max(range[1], end);
        }
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Per partition (as a string key, for JSON) {@code {"start": s, "end": e}}, sorted. */
    public Map<String, Map<String, Long>> asFacetValue() {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        ranges.forEach(
                (p, r) -> {
                    Map<String, Long> range = new LinkedHashMap<>();
                    range.put("start", r[0]);
                    range.put("end", r[1]);
                    m.put(String.valueOf(p), range);
                });
        return Collections.unmodifiableMap(m);
    }

    /** Records in the ranges. */
    public long records() {
        return ranges.values().stream().mapToLong(r -> r[1] - r[0]).sum();
    }
}
