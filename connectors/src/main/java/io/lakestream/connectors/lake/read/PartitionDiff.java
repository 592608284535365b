package io.lakestream.connectors.lake.read;

import io.lakestream.connectors.lake.Partition;

/**
 * A partition whose data differs between two lakes: present in one only (the other side is null),
 * or with different rows or checksum recomputed from the files.
 */
public record PartitionDiff(
        String table, Partition partition, PartitionReport left, PartitionReport right) {

    public boolean onlyLeft() {
        return right == null;
    }

    public boolean onlyRight() {
        return left == null;
    }
}
