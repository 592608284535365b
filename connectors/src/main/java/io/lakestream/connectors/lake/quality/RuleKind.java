package io.lakestream.connectors.lake.quality;

import io.lakestream.connectors.lake.Partition;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The partition-level checks an expectations file can ask for, each observing one number of a
 * partition (from {@link PartitionProfile}) to compare with the rule's bounds.
 */
public enum RuleKind {
    /** Rows in the partition. */
    ROW_COUNT("row_count", false, "rows"),
    /** Null values of the column over the partition's rows; 0 for an empty partition. */
    NULL_FRACTION("null_fraction", true, "fraction"),
    /** Distinct non-null values of the column. */
    DISTINCT_COUNT("distinct_count", true, "values"),
    /** Arithmetic mean of the column's non-null values; nothing to observe without one. */
    MEAN("mean", true, "value"),
    /**
     * Seconds from the column's latest time to the partition's end: how stale the partition's
     * newest row is; nothing to observe without a non-null time.
     */
    FRESHNESS("freshness", true, "seconds");

    private final String label;
    private final boolean needsColumn;
    private final String unit;

    RuleKind(String label, boolean needsColumn, String unit) {
        this.label = label;
        this.needsColumn = needsColumn;
        this.unit = unit;
    }

    /** The name used in expectations files and reports. */
    public String label() {
        return label;
    }

    public boolean needsColumn() {
        return needsColumn;
    }

    /** What the observed value and the bounds count, for reports. */
    public String unit() {
        return unit;
    }

    /** The observed value of {@code column} in the partition, or null if there is none. */
    Double observe(PartitionProfile profile, String column, Partition partition) {
        switch (this) {
            case ROW_COUNT:
                return (double) profile.rows();
            case NULL_FRACTION:
                return profile.rows() == 0
                        ? 0.0
                        : (double) profile.column(column).nulls() / profile.rows();
            case DISTINCT_COUNT:
                return (double) profile.column(column).distinct();
            case MEAN:
                return profile.column(column).mean();
            case FRESHNESS:
                Long max = profile.column(column).max();
                return max == null ? null : (partition.endMillis() - max) / 1000.0;
            default:
                throw new IllegalStateException(name());
        }
    }

    static RuleKind byLabel(String label) {
        for (RuleKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        return null;
    }

    static String labels() {
        return Arrays.stream(values()).map(RuleKind::label).collect(Collectors.joining(", "));
    }
}
