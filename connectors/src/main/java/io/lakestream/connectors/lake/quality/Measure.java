package io.lakestream.connectors.lake.quality;

/** What a rule needs to know about a column; the profiler reads no more than that. */
enum Measure {
    /** Null values: exact from the files' column statistics when they hold null counts. */
    NULLS,
    /** Distinct non-null values: needs the values. */
    DISTINCT,
    /** Sum and count of non-null values: needs the values. */
    MEAN,
    /** Largest non-null value of an integer (time) column: from the statistics when present. */
    MAX;

    static Measure of(RuleKind kind) {
        switch (kind) {
            case NULL_FRACTION:
                return NULLS;
            case DISTINCT_COUNT:
                return DISTINCT;
            case MEAN:
                return MEAN;
            case FRESHNESS:
                return MAX;
            default:
                return null;
        }
    }
}
