package io.lakestream.connectors.lake.read;

import io.lakestream.connectors.lake.Partition;
import java.util.Arrays;
import java.util.List;

/**
 * File statistics of one table, for spotting small files: partitions, visible data files, their
 * sizes (median, min, max, total), rows, and the partitions holding more than a given number of
 * files.
 *
 * @param table the table
 * @param partitions its partitions
 * @param files its visible data files
 * @param rows rows in those files (from the Parquet footers)
 * @param bytes total bytes of those files
 * @param minFileBytes the smallest file, 0 without files
 * @param medianFileBytes the median file size: the middle one, or the mean of the two middle ones
 *     (rounded down) for an even count; 0 without files
 * @param maxFileBytes the largest file, 0 without files
 * @param crowded partitions with more files than the threshold, in partition order
 */
public record TableStats(
        String table,
        int partitions,
        long files,
        long rows,
        long bytes,
        long minFileBytes,
        long medianFileBytes,
        long maxFileBytes,
        List<Crowded> crowded) {

    public TableStats {
        crowded = List.copyOf(crowded);
    }

    /** A partition with many files. */
    public record Crowded(Partition partition, int files, long bytes) {}

    /** The median of some sizes: the middle one, or the floor of the mean of the middle two. */
    public static long median(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        if (sorted.length % 2 == 1) {
            return sorted[mid];
        }
        long a = sorted[mid - 1];
        long b = sorted[mid];
        return a + (b - a) / 2;
    }
}
