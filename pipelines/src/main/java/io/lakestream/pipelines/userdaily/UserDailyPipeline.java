package io.lakestream.pipelines.userdaily;

import io.lakestream.pipelines.Pipeline;
import io.lakestream.pipelines.PipelineContext;
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
 * day windows (UTC) that fire once, when the watermark passes the day's end; a backfill in its one
 * stage keyed by user, at the end of each user's events.
 */
public final class UserDailyPipeline implements Pipeline {

    @Override
    public String name() {
        return "user_daily";
    }

    /** The name {@code WindowedStream} gives a window's contents; kept for savepoints. */
    static final String WINDOW_STATE_NAME = "window-contents";

    @Override
    public void attach(PipelineContext ctx) {
        TypeInformation<UserDaily> rowType = TypeInformation.of(UserDaily.class);
        DataStream<UserDaily> rows =
                ctx.perUserDay(
                        new UserDailyFold(),
                        rowType,
                        byUser ->
                                byUser.transform(
                                                "user_daily: day windows",
                                                rowType,
                                                dayWindows(
                                                        byUser.getExecutionConfig(),
                                                        byUser.getType()))
                                        .uid("user-daily-window"));
        ctx.write(rows, new UserDailyTable());
    }

    /**
     * What {@code keyBy(userId).window(days).process(new UserDailyFunction())} builds — the same
     * state — as an operator whose firing a checkpoint barrier may interrupt (see {@link
     * InterruptibleWindowOperator}).
     */
    static InterruptibleWindowOperator<String, Event, Iterable<Event>, UserDaily, TimeWindow>
            dayWindows(ExecutionConfig config, TypeInformation<Event> eventType) {
        SerializerConfig serializers = config.getSerializerConfig();
        TumblingEventTimeWindows days = TumblingEventTimeWindows.of(Duration.ofDays(1));
        return new InterruptibleWindowOperator<>(
                days,
                days.getWindowSerializer(config),
                e -> e.userId,
                Types.STRING.createSerializer(serializers),
                new ListStateDescriptor<>(
                        WINDOW_STATE_NAME, eventType.createSerializer(serializers)),
                new InternalIterableProcessWindowFunction<>(new UserDailyFunction()),
                days.getDefaultTrigger());
    }
}
