package io.lakestream.pipelines.aggregate;

/**
 * One subtask's partial aggregate of one bucket, as canonical bytes: what the local pre-aggregation
 * sends to the merge step, and what it keeps in checkpoints. A Flink POJO.
 */
public class BucketPartial {
    /** Start of the bucket, epoch ms UTC. */
    public long bucketStart;

    public byte[] bytes;

    public BucketPartial() {}

    public BucketPartial(long bucketStart, byte[] bytes) {
        this.bucketStart = bucketStart;
        this.bytes = bytes;
    }
}
