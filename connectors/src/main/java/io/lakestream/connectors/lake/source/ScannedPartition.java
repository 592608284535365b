package io.lakestream.connectors.lake.source;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.read.LakeFile;
import java.util.List;

/**
 * A committed partition a {@link LakeScan} reads: its manifest and the data files the manifest
 * names, as found on disk (sizes from the listing).
 */
public record ScannedPartition(
        Partition partition, PartitionManifest manifest, List<LakeFile> files) {

    public ScannedPartition {
        files = List.copyOf(files);
    }

    public long bytes() {
        return files.stream().mapToLong(LakeFile::bytes).sum();
    }

    /** Rows as the manifest records them. */
    public long rows() {
        return manifest.rows;
    }
}
