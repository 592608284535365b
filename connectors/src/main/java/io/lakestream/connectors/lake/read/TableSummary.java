package io.lakestream.connectors.lake.read;

import java.util.List;

/** Totals of one table's audited partitions, for a one-line summary per table. */
public record TableSummary(
        String table,
        int partitions,
        int partitionsWithProblems,
        long rows,
        int files,
        long minFileBytes,
        long maxFileBytes) {

    static TableSummary of(String table, List<PartitionReport> reports) {
        int bad = 0;
        long rows = 0;
        int files = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (PartitionReport r : reports) {
            bad += r.ok() ? 0 : 1;
            rows += r.rows();
            files += r.fileCount();
            if (r.fileCount() > 0) {
                min = Math.min(min, r.minFileBytes());
                max = Math.max(max, r.maxFileBytes());
            }
        }
        return new TableSummary(table, reports.size(), bad, rows, files, files == 0 ? 0 : min, max);
    }
}
