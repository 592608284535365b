package io.lakestream.pipelines.dau;

import io.lakestream.pipelines.Pipeline;
import io.lakestream.pipelines.PipelineContext;
import io.lakestream.pipelines.UserBucket;
import io.lakestream.pipelines.aggregate.BucketAggregations;
import io.lakestream.pipelines.model.DailyActiveUsers;
import io.lakestream.pipelines.model.UserActivity;
import io.lakestream.pipelines.tables.DauCountryTable;
import io.lakestream.pipelines.tables.DauTable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@code dau} and {@code dau_country}: daily active users per date, and per date and country —
 * exact (a distinct on user and date: {@link FirstActivity} in a stream, {@link DayActivity} in a
 * backfill) and estimated (a HyperLogLog sketch per date, pre-aggregated in each subtask and merged
 * once per date).
 *
 * <p>The exact count needs state per active user and date (in RocksDB for a stream); the sketch
 * needs at most 16 KiB per date and country and is stored in the row, so dates can be merged later
 * (weekly or monthly uniques) without the raw events.
 */
public final class DauPipeline implements Pipeline {

    @Override
    public String name() {
        return "dau";
    }

    @Override
    public void attach(PipelineContext ctx) {
        TypeInformation<UserActivity> activityType = TypeInformation.of(UserActivity.class);
        DataStream<UserActivity> activity =
                ctx.perUserDay(
                        new DayActivity(),
                        activityType,
                        events ->
                                events.keyBy(new UserBucket(), Types.INT)
                                        .process(new FirstActivity(), activityType)
                                        .uid("dau-first-activity-buckets")
                                        .name("dau: first activity per user and date"));
        TypeInformation<DailyActiveUsers> rowType = TypeInformation.of(DailyActiveUsers.class);
        ctx.write(
                BucketAggregations.aggregate(activity, new DauAggregation(false), "dau", rowType),
                new DauTable());
        ctx.write(
                BucketAggregations.aggregate(
                        activity, new DauAggregation(true), "dau-country", rowType),
                new DauCountryTable());
    }
}
