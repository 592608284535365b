package io.lakestream.connectors.lake.read;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.RowChecksum;
import java.util.List;
import java.util.OptionalInt;

/**
 * The audit of one partition: rows and checksum recomputed from its readable visible files (what
 * any Parquet reader would see), the manifest as found (null if absent or unreadable), and every
 * {@link Problem}. Two partitions hold the same data when {@link #sameContent} holds, whatever
 * their manifests say.
 */
public record PartitionReport(
        String table,
        Partition partition,
        long rows,
        long checksum,
        List<FileStats> files,
        PartitionManifest manifest,
        List<Problem> problems) {

    public PartitionReport {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** True if the partition is committed and its files match its manifest. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** Same rows and checksum, recomputed from the files. */
    public boolean sameContent(PartitionReport other) {
        return rows == other.rows && checksum == other.checksum;
    }

    public String checksumHex() {
        return RowChecksum.format(checksum);
    }

    public int fileCount() {
        return files.size();
    }

    /** The smallest readable file in bytes, or 0 if there is none. */
    public long minFileBytes() {
        return files.stream().mapToLong(FileStats::bytes).min().orElse(0);
    }

    /** The largest readable file in bytes, or 0 if there is none. */
    public long maxFileBytes() {
        return files.stream().mapToLong(FileStats::bytes).max().orElse(0);
    }

    /** The manifest's restatement version, if there is a manifest. */
    public OptionalInt version() {
        return manifest == null ? OptionalInt.empty() : OptionalInt.of(manifest.version);
    }

    public boolean has(Problem.Kind kind) {
        return problems.stream().anyMatch(p -> p.kind() == kind);
    }
}
