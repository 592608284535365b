package io.lakestream.pipelines.userdaily;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.UserDaily;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * A stream's {@code user_daily} row of one user and day, computed by {@link UserDailyFold} from the
 * day's event-time window when it fires (once, as the watermark passes the day's end). A backfill
 * runs the same fold in its one stage keyed by user.
 */
public final class UserDailyFunction
        extends ProcessWindowFunction<Event, UserDaily, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final UserDailyFold fold = new UserDailyFold();

    @Override
    public void process(
            String userId, Context ctx, Iterable<Event> events, Collector<UserDaily> out) {
        UserDailyFold.Day day = fold.create();
        for (Event e : events) {
            fold.add(day, e);
        }
        fold.emit(userId, ctx.window().getStart(), day, out);
    }
}
