package io.lakestream.connectors.lake.internal;

import java.util.Objects;

/**
 * What a lake writer hands to the committer at a checkpoint: either one Parquet file, closed and
 * ready to be made visible, with the statistics its partition's manifest needs; or the writer's
 * progress, i.e. the watermark it had seen when it closed its files. A partition is complete once
 * every writer's progress has passed its end.
 */
public final class LakeCommittable {

    /** Watermark of a writer whose input has ended. */
    public static final long END_OF_INPUT = Long.MAX_VALUE;

    private final String partition; // null for a progress report
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
    private final long watermark;

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
            int subtasks,
            long watermark) {
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
        this.watermark = watermark;
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
                -1,
                Long.MIN_VALUE);
    }

    /** Writer {@code subtask} of {@code subtasks} had seen {@code watermark}. */
    public static LakeCommittable progress(int subtask, int subtasks, long watermark) {
        return new LakeCommittable(
                null, null, 0, new byte[0], 0, 0, 0, 0, 0, "", subtask, subtasks, watermark);
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

    public long watermark() {
        return watermark;
    }

    @Override
    public String toString() {
        return isFile()
                ? "file " + partition + "/" + fileName + " rows=" + rows
                : "progress " + subtask + "/" + subtasks + " wm=" + watermark;
    }
}
