package io.lakestream.pipelines.aggregate;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the partials of one bucket (keyed by bucket start) and emits the bucket's rows once, when
 * the watermark passes the bucket's end. Each subtask's partial of a bucket arrives before that
 * watermark ({@link LocalBucketAggregator} flushes before forwarding it), so the result is
 * complete.
 */
final class BucketMerger<ACC, OUT> extends KeyedProcessFunction<Long, BucketPartial, OUT> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BucketMerger.class);

    private final BucketAggregation<?, ACC, OUT> aggregation;
    private transient ValueState<byte[]> merged;
    private transient Counter latePartials;

    BucketMerger(BucketAggregation<?, ACC, OUT> aggregation) {
        this.aggregation = aggregation;
    }

    @Override
    public void open(OpenContext ctx) {
        merged =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "merged",
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        latePartials = getRuntimeContext().getMetricGroup().counter("late_partials");
    }

    @Override
    public void processElement(BucketPartial p, Context ctx, Collector<OUT> out) throws Exception {
        long lastMillis = p.bucketStart + aggregation.bucketMillis() - 1;
        if (lastMillis <= ctx.timerService().currentWatermark()) {
            // cannot happen with on-time input (the late-data rule runs upstream); never emit a
            // bucket twice, but say so
            latePartials.inc();
            LOG.warn(
                    "a partial for the bucket starting at {} arrived after it was emitted; ignored",
                    p.bucketStart);
            return;
        }
        byte[] current = merged.value();
        if (current == null) {
            merged.update(p.bytes);
            ctx.timerService().registerEventTimeTimer(lastMillis);
        } else {
            ACC acc = aggregation.fromBytes(current);
            aggregation.merge(acc, aggregation.fromBytes(p.bytes));
            merged.update(aggregation.toBytes(acc));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        byte[] bytes = merged.value();
        if (bytes != null) {
            aggregation.emit(ctx.getCurrentKey(), aggregation.fromBytes(bytes), out);
            merged.clear();
        }
    }
}
