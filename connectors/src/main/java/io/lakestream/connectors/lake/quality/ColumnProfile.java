package io.lakestream.connectors.lake.quality;

import java.util.HashSet;
import java.util.Set;

/**
 * What a partition's files say about one column: null count, distinct values, mean, maximum. Only
 * the measures some rule asked for are filled in; the profiler adds file after file.
 */
public final class ColumnProfile {

    private long nulls;
    private final Set<Object> distinct = new HashSet<>();
    private double sum;
    private long count;
    private Long max;

    /** Null values in the partition. */
    public long nulls() {
        return nulls;
    }

    /** Distinct non-null values in the partition. */
    public long distinct() {
        return distinct.size();
    }

    /** Mean of the non-null values, or null when there is none. */
    public Double mean() {
        return count == 0 ? null : sum / count;
    }

    /** Largest non-null value (an integer or time column), or null when there is none. */
    public Long max() {
        return max;
    }

    void addNulls(long n) {
        nulls += n;
    }

    void addDistinct(Object value) {
        distinct.add(value);
    }

    void addToMean(double value) {
        sum += value;
        count++;
    }

    void addMax(long value) {
        max = max == null ? value : Math.max(max, value);
    }
}
