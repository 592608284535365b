package io.lakestream.pipelines.userdaily;

import io.lakestream.pipelines.Pipeline;
import io.lakestream.pipelines.PipelineContext;
import io.lakestream.pipelines.model.UserDaily;
import io.lakestream.pipelines.tables.UserDailyTable;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * {@code user_daily}: per date and user, from event-time day windows (UTC) that fire once, when the
 * watermark passes the day's end — in a backfill, at the end of the input.
 */
public final class UserDailyPipeline implements Pipeline {

    @Override
    public String name() {
        return "user_daily";
    }

    @Override
    public void attach(PipelineContext ctx) {
        DataStream<UserDaily> rows =
                ctx.events()
                        .keyBy(e -> e.userId, Types.STRING)
                        .window(TumblingEventTimeWindows.of(Duration.ofDays(1)))
                        .process(new UserDailyFunction(), TypeInformation.of(UserDaily.class))
                        .uid("user-daily-window")
                        .name("user_daily: day windows");
        ctx.write(rows, new UserDailyTable());
    }
}
