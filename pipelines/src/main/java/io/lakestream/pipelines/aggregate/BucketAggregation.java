package io.lakestream.pipelines.aggregate;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.util.Collector;

/**
 * A mergeable aggregation over event-time buckets (an hour, a day): what {@link
 * BucketAggregations#aggregate} needs to pre-aggregate locally in each subtask and merge the
 * partial results per bucket.
 *
 * <p>The accumulator is typically a sketch. It is kept on the heap of the subtask while its bucket
 * is open and travels as bytes ({@link #toBytes}), so its serialized form should be canonical: the
 * same input must give the same bytes whatever the order it arrived in.
 *
 * @param <IN> the input rows, with event-time timestamps
 * @param <ACC> the accumulator (mutable)
 * @param <OUT> the result rows of one bucket
 */
public interface BucketAggregation<IN, ACC, OUT> extends Serializable {

    /** Bucket length in milliseconds (buckets are aligned to the epoch, i.e. UTC). */
    long bucketMillis();

    /** The event time of {@code in}, which decides its bucket. */
    long timeOf(IN in);

    ACC create();

    /** Folds one input row into {@code acc}; may ignore rows that do not count. */
    void add(ACC acc, IN in);

    /** Folds {@code other} into {@code into}. */
    void merge(ACC into, ACC other);

    byte[] toBytes(ACC acc) throws IOException;

    ACC fromBytes(byte[] bytes) throws IOException;

    /** Emits the result rows of the complete bucket starting at {@code bucketStart}. */
    void emit(long bucketStart, ACC acc, Collector<OUT> out);

    /** The bucket start (epoch ms) of an event time. */
    default long bucketStart(long time) {
        return Math.floorDiv(time, bucketMillis()) * bucketMillis();
    }
}
