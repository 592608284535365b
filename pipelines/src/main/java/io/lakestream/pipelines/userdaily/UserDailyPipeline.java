package io.lakestream.pipelines.userdaily;

import io.lakestream.pipelines.Pipeline;
import io.lakestream.pipelines.PipelineContext;
import io.lakestream.pipelines.UserBucket;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.UserDaily;
import io.lakestream.pipelines.tables.UserDailyTable;
import java.time.Duration;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.functions.InternalIterableProcessWindowFunction;

/**
 * {@code user_daily}: per date and user ({@link UserDailyFold}). A stream computes it in event-time
 * day windows (UTC) keyed by a bucket of users ({@link UserBucket}), that fire once, when the
 * watermark passes the day's end; a backfill in its one stage keyed by user, at the end of each
 * user's events.
 */
public final class UserDailyPipeline implements Pipeline {

    @Override
    public String name() {
        return "user_daily";
    }

    /**
     * The day windows' uid. Not {@code user-daily-window}, the uid of the earlier windows keyed by
     * user: their state does not restore into buckets (docs/decisions/0027-user-buckets.md).
     */
    static final String WINDOWS_UID = "user-daily-buckets";

    /** The name {@code WindowedStream} gives a window's contents; kept for savepoints. */
    static final String WINDOW_STATE_NAME = "window-contents";

    @Override
    public void attach(PipelineContext ctx) {
        TypeInformation<UserDaily> rowType = TypeInformation.of(UserDaily.class);
        DataStream<UserDaily> rows =
                ctx.perUserDay(
                        new UserDailyFold(),
                        rowType,
                        events ->
                                events.keyBy(new UserBucket(), Types.INT)
                                        .transform(
                                                "user_daily: day windows of user buckets",
                                                rowType,
                                                dayWindows(
                                                        events.getExecutionConfig(),
                                                        events.getType()))
                                        .uid(WINDOWS_UID));
        ctx.write(rows, new UserDailyTable());
    }

    /**
     * What {@code keyBy(userBucket).window(days).process(new UserDailyFunction())} builds — the
     * same state — as an operator whose firing a checkpoint barrier may interrupt (see {@link
     * InterruptibleWindowOperator}).
     */
    static InterruptibleWindowOperator<Integer, Event, Iterable<Event>, UserDaily, TimeWindow>
            dayWindows(ExecutionConfig config, TypeInformation<Event> eventType) {
        SerializerConfig serializers = config.getSerializerConfig();
        TumblingEventTimeWindows days = TumblingEventTimeWindows.of(Duration.ofDays(1));
        return new InterruptibleWindowOperator<>(
                days,
                days.getWindowSerializer(config),
                new UserBucket(),
                Types.INT.createSerializer(serializers),
                new ListStateDescriptor<>(
                        WINDOW_STATE_NAME, eventType.createSerializer(serializers)),
                new InternalIterableProcessWindowFunction<>(new UserDailyFunction()),
                days.getDefaultTrigger());
    }
}
