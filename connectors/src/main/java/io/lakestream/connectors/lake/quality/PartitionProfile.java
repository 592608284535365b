package io.lakestream.connectors.lake.quality;

import java.util.HashMap;
import java.util.Map;

/** The observed facts of one partition that its rules are checked against. */
public final class PartitionProfile {

    private long rows;
    private final Map<String, ColumnProfile> columns = new HashMap<>();

    /** Rows in the partition (from the files' footers: exact). */
    public long rows() {
        return rows;
    }

    /** The profile of {@code column}; empty (no nulls, no values) if nothing was measured. */
    public ColumnProfile column(String column) {
        return columns.computeIfAbsent(column, c -> new ColumnProfile());
    }

    void addRows(long n) {
        rows += n;
    }
}
