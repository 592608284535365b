package io.lakestream.connectors.lake.compact;

import io.lakestream.connectors.lake.Partition;

/**
 * Told before each step of a partition's compaction. Tests use it to stop a compaction between any
 * two steps (by throwing), as a crash would.
 */
@FunctionalInterface
public interface CompactionListener {

    CompactionListener NONE = (table, partition, step) -> {};

    void beforeStep(String table, Partition partition, CompactionStep step);
}
