package io.lakestream.connectors.lake.internal;

import java.util.Objects;

/**
 * What a lake writer hands to the committer at a checkpoint: one Parquet file, closed and ready to
 * be made visible, with the statistics its partition's manifest needs; and, last, a marker saying
 * that the writer has handed over everything it wrote before the checkpoint. Once the markers of a
 * checkpoint have arrived from every writer, every file written before that checkpoint's barrier is
 * committed.
 */
public final class LakeCommittable {

    private final String partition; // null for a checkpoint marker
    private final String fileName;
    private final int recoverableVersion;
    private final byte[] recoverable;
    private final long rows;
    private final long bytes;
    private final long checksum;
    private final long minTime;
    private final long maxTime;
    private final String sourceOffsets;
    private final int subtask;
    private final int subtasks;

    private LakeCommittable(
            String partition,
            String fileName,
            int recoverableVersion,
            byte[] recoverable,
            long rows,
            long bytes,
            long checksum,
            long minTime,
            long maxTime,
            String sourceOffsets,
            int subtask,
            int subtasks) {
        this.partition = partition;
        this.fileName = fileName;
        this.recoverableVersion = recoverableVersion;
        this.recoverable = recoverable;
        this.rows = rows;
        this.bytes = bytes;
        this.checksum = checksum;
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.sourceOffsets = sourceOffsets;
        this.subtask = subtask;
        this.subtasks = subtasks;
    }

    /** A closed file of {@code partition}, committed by resuming {@code recoverable}. */
    public static LakeCommittable file(
            String partition,
            String fileName,
            int recoverableVersion,
            byte[] recoverable,
            long rows,
            long bytes,
            long checksum,
            long minTime,
            long maxTime,
            String sourceOffsets) {
        return new LakeCommittable(
                Objects.requireNonNull(partition),
                fileName,
                recoverableVersion,
                recoverable,
                rows,
                bytes,
                checksum,
                minTime,
                maxTime,
                sourceOffsets,
                -1,
                -1);
    }

    /** Writer {@code subtask} of {@code subtasks} has handed over all files of a checkpoint. */
    public static LakeCommittable marker(int subtask, int subtasks) {
        return new LakeCommittable(
                null, null, 0, new byte[0], 0, 0, 0, 0, 0, "", subtask, subtasks);
    }

    public boolean isFile() {
        return partition != null;
    }

    public String partition() {
        return partition;
    }

    public String fileName() {
        return fileName;
    }

    public int recoverableVersion() {
        return recoverableVersion;
    }

    public byte[] recoverable() {
        return recoverable;
    }

    public long rows() {
        return rows;
    }

    public long bytes() {
        return bytes;
    }

    public long checksum() {
        return checksum;
    }

    public long minTime() {
        return minTime;
    }

    public long maxTime() {
        return maxTime;
    }

    /** Kafka offsets of the file's rows, as {@code "p:first-last,..."}; empty if none. */
    public String sourceOffsets() {
        return sourceOffsets;
    }

    public int subtask() {
        return subtask;
    }

    public int subtasks() {
        return subtasks;
    }

    @Override
    public String toString() {
        return isFile()
                ? "file " + partition + "/" + fileName + " rows=" + rows
                : "marker of writer " + subtask + "/" + subtasks;
    }
}
