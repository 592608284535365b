package io.lakestream.pipelines.aggregate;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires a {@link BucketAggregation}: local pre-aggregation in every subtask ({@link
 * LocalBucketAggregator}, chained to its input), then one merge per bucket ({@link BucketMerger}).
 *
 * <pre>{@code
 * DataStream<Dau> rows = BucketAggregations.aggregate(activity, new DauAggregation(), "dau", DAU_TYPE);
 * }</pre>
 */
public final class BucketAggregations {

    private BucketAggregations() {}

    /**
     * @param uidPrefix the operators get the uids {@code <prefix>-local} and {@code <prefix>-merge}
     */
    public static <IN, ACC, OUT> SingleOutputStreamOperator<OUT> aggregate(
            DataStream<IN> input,
            BucketAggregation<IN, ACC, OUT> aggregation,
            String uidPrefix,
            TypeInformation<OUT> outType) {
        return input.transform(
                        uidPrefix + ": local pre-aggregation",
                        TypeInformation.of(BucketPartial.class),
                        new LocalBucketAggregator<>(aggregation))
                .uid(uidPrefix + "-local")
                .keyBy(p -> p.bucketStart, Types.LONG)
                .process(new BucketMerger<>(aggregation), outType)
                .uid(uidPrefix + "-merge")
                .name(uidPrefix + ": merge per bucket");
    }
}
