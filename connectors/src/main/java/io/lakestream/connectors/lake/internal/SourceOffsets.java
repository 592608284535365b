package io.lakestream.connectors.lake.internal;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The range of source (Kafka) offsets, per source partition, of the rows of a file or partition:
 * recorded in manifests as {@code "0:[1200,1899],1:[1187,1903]"} (first and last offset,
 * inclusive), so a partition can be traced back to the exact records it came from.
 *
 * <p>Public so that a lake reader can tell, from the manifests, where in the topic the lake ends.
 */
public final class SourceOffsets {

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

    public void merge(SourceOffsets other) {
        for (Map.Entry<Integer, long[]> e : other.ranges.entrySet()) {
            record(e.getKey(), e.getValue()[0]);
            record(e.getKey(), e.getValue()[1]);
        }
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * Per source partition, the offset after the last one recorded ({@code last + 1}): where a
     * reader continues after these rows. Sorted by partition.
     */
    public Map<Integer, Long> nextOffsets() {
        TreeMap<Integer, Long> next = new TreeMap<>();
        ranges.forEach((p, r) -> next.put(p, r[1] + 1));
        return Collections.unmodifiableMap(next);
    }

    /**
     * Parses what {@link #toString()} prints; an empty or null text is no offsets.
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static SourceOffsets parse(String text) {
        SourceOffsets o = new SourceOffsets();
        if (text == null || text.isEmpty()) {
            return o;
        }
        for (String part : text.split("(?<=\\]),")) {
            int colon = part.indexOf(':');
            int comma = part.indexOf(',', colon);
            if (colon < 1 || comma < 0 || part.charAt(colon + 1) != '[' || !part.endsWith("]")) {
                throw new IllegalArgumentException(
                        "not a source offset range (p:[first,last]): '" + part + "' in " + text);
            }
            try {
                int p = Integer.parseInt(part.substring(0, colon));
                o.record(p, Long.parseLong(part.substring(colon + 2, comma)));
                o.record(p, Long.parseLong(part.substring(comma + 1, part.length() - 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "not a source offset range (p:[first,last]): '" + part + "' in " + text, e);
            }
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
