package io.lakestream.pipelines.userdaily;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventType;
import io.lakestream.pipelines.model.UserDaily;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Computes one {@code user_daily} row from a user's events of one day, when the day's event-time
 * window fires (once, as the watermark passes the day's end). Revenue is summed exactly (decimal),
 * so the result does not depend on the order the events arrived in: a stream and a backfill of the
 * same events give bit-identical rows.
 */
public final class UserDailyFunction
        extends ProcessWindowFunction<Event, UserDaily, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(
            String userId, Context ctx, Iterable<Event> events, Collector<UserDaily> out) {
        UserDaily d = new UserDaily();
        d.dateStart = ctx.window().getStart();
        d.userId = userId;
        d.firstEventTime = Long.MAX_VALUE;
        d.lastEventTime = Long.MIN_VALUE;
        BigDecimal revenue = BigDecimal.ZERO;
        Set<String> items = new HashSet<>();
        for (Event e : events) {
            switch (e.eventType) {
                case EventType.IMPRESSION:
                    d.impressions++;
                    break;
                case EventType.CLICK:
                    d.clicks++;
                    break;
                case EventType.PURCHASE:
                    d.purchases++;
                    revenue = revenue.add(BigDecimal.valueOf(e.price));
                    break;
                default:
                    break;
            }
            items.add(e.itemId);
            d.firstEventTime = Math.min(d.firstEventTime, e.ts);
            d.lastEventTime = Math.max(d.lastEventTime, e.ts);
        }
        d.revenue = revenue.doubleValue();
        d.distinctItems = items.size();
        out.collect(d);
    }
}
