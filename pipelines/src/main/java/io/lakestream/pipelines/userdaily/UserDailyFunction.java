package io.lakestream.pipelines.userdaily;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.UserDaily;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * A stream's {@code user_daily} rows of one {@link io.lakestream.pipelines.UserBucket} of users and
 * one day, when the day's event-time window fires (once, as the watermark passes the day's end):
 * the bucket's events grouped by user, each user's row computed by {@link UserDailyFold}. A
 * backfill runs the same fold in its one stage keyed by user.
 */
public final class UserDailyFunction
        extends ProcessWindowFunction<Event, UserDaily, Integer, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final UserDailyFold fold = new UserDailyFold();

    @Override
    public void process(
            Integer bucket, Context ctx, Iterable<Event> events, Collector<UserDaily> out) {
        Map<String, UserDailyFold.Day> days = new HashMap<>();
        for (Event e : events) {
            fold.add(days.computeIfAbsent(e.userId, u -> fold.create()), e);
        }
        long dateStart = ctx.window().getStart();
        for (Map.Entry<String, UserDailyFold.Day> day : days.entrySet()) {
            fold.emit(day.getKey(), dateStart, day.getValue(), out);
        }
    }
}
