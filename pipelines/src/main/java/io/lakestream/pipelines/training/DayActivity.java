package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventType;
import java.math.BigDecimal;

/**
 * One user's counters of one UTC day, as {@code user_daily} defines them (see {@code
 * UserDailyFunction}): impressions, clicks, purchases and revenue. Revenue is kept as a decimal, so
 * sums over days do not depend on the order events arrived in (stream and backfill agree bit for
 * bit). A Flink POJO, kept in keyed state.
 */
public class DayActivity {
    public long impressions;
    public long clicks;
    public long purchases;
    public BigDecimal revenue = BigDecimal.ZERO;

    public DayActivity() {}

    /** Counts {@code e}; every event type makes the day active. */
    public void add(Event e) {
        switch (e.eventType) {
            case EventType.IMPRESSION:
                impressions++;
                break;
            case EventType.CLICK:
                clicks++;
                break;
            case EventType.PURCHASE:
                purchases++;
                revenue = revenue.add(BigDecimal.valueOf(e.price));
                break;
            default:
                break;
        }
    }

    /** Adds the counters of {@code other} (a partial count of the same user and day). */
    public void add(DayActivity other) {
        impressions += other.impressions;
        clicks += other.clicks;
        purchases += other.purchases;
        revenue = revenue.add(other.revenue);
    }

    /** A copy, for keeping in state (jobs run with object reuse). */
    public DayActivity copy() {
        DayActivity d = new DayActivity();
        d.add(this);
        return d;
    }
}
