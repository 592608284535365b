package io.lakestream.pipelines.userdaily;

import io.lakestream.pipelines.UserDayFold;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventType;
import io.lakestream.pipelines.model.UserDaily;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.util.Collector;

/**
 * One {@code user_daily} row from a user's events of one day. Revenue is summed exactly (decimal),
 * so the row does not depend on the order the events came in: a stream and a backfill of the same
 * events give bit-identical rows.
 */
public final class UserDailyFold implements UserDayFold<UserDailyFold.Day, UserDaily> {

    private static final long serialVersionUID = 1L;

    /** A day being summed up. */
    public static final class Day {
        long impressions;
        long clicks;
        long purchases;
        BigDecimal revenue = BigDecimal.ZERO;
        final Set<String> items = new HashSet<>();
        long firstEventTime = Long.MAX_VALUE;
        long lastEventTime = Long.MIN_VALUE;
    }

    @Override
    public Day create() {
        return new Day();
    }

    @Override
    public void add(Day d, Event e) {
        switch (e.eventType) {
            case EventType.IMPRESSION:
                d.impressions++;
                break;
            case EventType.CLICK:
                d.clicks++;
                break;
            case EventType.PURCHASE:
                d.purchases++;
                d.revenue = d.revenue.add(BigDecimal.valueOf(e.price));
                break;
            default:
                break;
        }
        d.items.add(e.itemId);
        d.firstEventTime = Math.min(d.firstEventTime, e.ts);
        d.lastEventTime = Math.max(d.lastEventTime, e.ts);
    }

    @Override
    public void emit(String userId, long dateStart, Day d, Collector<UserDaily> out) {
        UserDaily row = new UserDaily();
        row.dateStart = dateStart;
        row.userId = userId;
        row.impressions = d.impressions;
        row.clicks = d.clicks;
        row.purchases = d.purchases;
        row.revenue = d.revenue.doubleValue();
        row.distinctItems = d.items.size();
        row.firstEventTime = d.firstEventTime;
        row.lastEventTime = d.lastEventTime;
        out.collect(row);
    }
}
