package io.lakestream.connectors.lake.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * The range of source (Kafka) offsets, per source partition, of the rows of a file or partition:
 * recorded in manifests as {@code "0:[1200,1899],1:[1187,1903]"} (first and last offset,
 * inclusive), so a partition can be traced back to the exact records it came from.
 */
final class SourceOffsets {

    private final TreeMap<Integer, long[]> ranges = new TreeMap<>();

    void record(int partition, long offset) {
        long[] r = ranges.get(partition);
        if (r == null) {
            ranges.put(partition, new long[] {offset, offset});
        } else {
            r[0] = Math.min(r[0], offset);
            r[1] = Math.max(r[1], offset);
        }
    }

    void merge(SourceOffsets other) {
        for (Map.Entry<Integer, long[]> e : other.ranges.entrySet()) {
            record(e.getKey(), e.getValue()[0]);
            record(e.getKey(), e.getValue()[1]);
        }
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    static SourceOffsets parse(String text) {
        SourceOffsets o = new SourceOffsets();
        if (text == null || text.isEmpty()) {
            return o;
        }
        for (String part : text.split("(?<=\\]),")) {
            int colon = part.indexOf(':');
            int comma = part.indexOf(',', colon);
            int p = Integer.parseInt(part.substring(0, colon));
            o.record(p, Long.parseLong(part.substring(colon + 2, comma)));
            o.record(p, Long.parseLong(part.substring(comma + 1, part.length() - 1)));
        }
        return o;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        ranges.forEach(
                (p, r) ->
                        sb.append(sb.length() == 0 ? "" : ",")
                                .append(p)
                                .append(":[")
                                .append(r[0])
                                .append(',')
                                .append(r[1])
                                .append(']'));
        return sb.toString();
    }
}
