package io.lakestream.connectors.lake.compact;

/**
 * What compacting one table did, over the selected partitions.
 *
 * @param table the table
 * @param partitions committed partitions selected (and partitions with an unfinished compaction)
 * @param compacted partitions whose files were rewritten by this run
 * @param recovered partitions whose interrupted compaction this run completed
 * @param alreadyCompact partitions left alone because their files already are the canonical ones
 * @param uncommitted partitions skipped because they have no {@code _SUCCESS}
 * @param filesBefore visible data files of the selected partitions before the run
 * @param filesAfter visible data files after the run
 * @param bytesBefore their bytes before
 * @param bytesAfter their bytes after
 */
public record CompactionResult(
        String table,
        int partitions,
        int compacted,
        int recovered,
        int alreadyCompact,
        int uncommitted,
        long filesBefore,
        long filesAfter,
        long bytesBefore,
        long bytesAfter) {}
