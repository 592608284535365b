package io.lakestream.connectors.lake.read;

import io.lakestream.connectors.lake.Partition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;

/**
 * Computes {@link TableStats} from a lake's listing and the Parquet footers (no data pages are
 * read): the face of {@code lakestream stats}, which tells where compaction pays.
 */
public final class LakeStats {

    private final LakeReader lake;

    public LakeStats(LakeReader lake) {
        this.lake = lake;
    }

    /** The statistics of one table; {@code maxFiles} is the threshold of a crowded partition. */
    public TableStats table(String table, int maxFiles) throws IOException {
        FileSystem fs = lake.root().getFileSystem();
        List<Partition> partitions = lake.partitions(table);
        List<Long> sizes = new ArrayList<>();
        List<TableStats.Crowded> crowded = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        for (Partition p : partitions) {
            List<LakeFile> files = lake.dataFiles(table, p);
            long partitionBytes = 0;
            for (LakeFile f : files) {
                sizes.add(f.bytes());
                partitionBytes += f.bytes();
                rows += rowCount(fs, f);
            }
            bytes += partitionBytes;
            if (files.size() > maxFiles) {
                crowded.add(new TableStats.Crowded(p, files.size(), partitionBytes));
            }
        }
        long[] all = sizes.stream().mapToLong(Long::longValue).toArray();
        long min = sizes.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = sizes.stream().mapToLong(Long::longValue).max().orElse(0);
        return new TableStats(
                table,
                partitions.size(),
                all.length,
                rows,
                bytes,
                min,
                TableStats.median(all),
                max,
                crowded);
    }

    private static long rowCount(FileSystem fs, LakeFile f) throws IOException {
        try (ParquetFileReader reader =
                ParquetFileReader.open(new FlinkInputFile(fs, f.path(), f.bytes()))) {
            return reader.getRecordCount();
        } catch (RuntimeException e) {
            throw new IOException(f.path() + " is not readable Parquet: " + e.getMessage(), e);
        }
    }
}
