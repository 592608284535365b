package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.TrainingExample;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds to each example the user's activity over the {@code days} UTC days strictly before the
 * impression's date, keyed by user: the second input is the user's events, counted per day ({@link
 * DayActivity}). The impression's own date never counts, so no example sees its day's later events
 * (or its own label's click).
 *
 * <p>An example of date D waits for an event-time timer at the last millisecond of D-1: it fires
 * once the watermark of both inputs has passed D-1, i.e. once every on-time event of D-N..D-1 has
 * been counted (examples arrive in time order per user and behind the events, see {@link
 * LabelWindowShift}; an example that arrives later than that is completed at once). The same timer
 * drops the days older than D-N, and every day counted schedules the timer that drops it, so state
 * holds at most the last N+1 days of a user plus the examples of the current date. Late events are
 * dropped before this operator by the late-data rule, exactly as for {@code user_daily}: a stream's
 * features are those of the on-time events, and {@code lakestream repair} restates the dates a late
 * event changes. In a backfill (BATCH) a user's timers fire after all of its events are in; the
 * window bounds keep later days out.
 */
public final class PriorDaysActivity
        extends KeyedCoProcessFunction<String, TrainingExample, Event, TrainingExample> {

    private static final long serialVersionUID = 1L;

    static final long DAY_MS = 86_400_000L;

    private final int days;

    private transient MapState<Long, DayActivity> activity;
    private transient MapState<Long, List<TrainingExample>> waiting;

    /** Sums the {@code days} days before each example's date. */
    public PriorDaysActivity(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        this.days = days;
    }

    @Override
    public void open(OpenContext ctx) {
        activity =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "day-activity",
                                        Types.LONG,
                                        TypeInformation.of(DayActivity.class)));
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "examples-by-date",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(TrainingExample.class))));
    }

    @Override
    public void processElement1(TrainingExample e, Context ctx, Collector<TrainingExample> out)
            throws Exception {
        long date = dayStart(e.eventTime);
        if (ctx.timerService().currentWatermark() >= date - 1) {
            TrainingExample done = e.copy(); // jobs run with object reuse: never modify the input
            fill(done, date);
            out.collect(done);
            return;
        }
        List<TrainingExample> at = waiting.get(date);
        if (at == null) {
            at = new ArrayList<>(1);
        }
        at.add(e.copy());
        waiting.put(date, at);
        ctx.timerService().registerEventTimeTimer(date - 1);
    }

    @Override
    public void processElement2(Event e, Context ctx, Collector<TrainingExample> out)
            throws Exception {
        long day = dayStart(e.ts);
        DayActivity d = activity.get(day);
        if (d == null) {
            d = new DayActivity();
            // the day is needed up to the examples of day + days; then this timer drops it
            ctx.timerService().registerEventTimeTimer(day + (days + 1) * DAY_MS - 1);
        }
        d.add(e);
        activity.put(day, d);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<TrainingExample> out)
            throws Exception {
        long date = time + 1;
        List<TrainingExample> due = waiting.get(date);
        if (due != null) {
            for (TrainingExample e : due) {
                fill(e, date);
                out.collect(e);
            }
            waiting.remove(date);
        }
        for (Iterator<Map.Entry<Long, DayActivity>> it = activity.iterator(); it.hasNext(); ) {
            if (it.next().getKey() < date - days * DAY_MS) {
                it.remove();
            }
        }
    }

    /** Sets the prior-activity columns of {@code e} from the days {@code [date - days, date)}. */
    private void fill(TrainingExample e, long date) throws Exception {
        int active = 0;
        long impressions = 0;
        long clicks = 0;
        long purchases = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (long day = date - days * DAY_MS; day < date; day += DAY_MS) {
            DayActivity d = activity.get(day);
            if (d != null) {
                active++;
                impressions += d.impressions;
                clicks += d.clicks;
                purchases += d.purchases;
                revenue = revenue.add(d.revenue);
            }
        }
        e.priorDaysActive = active;
        e.priorImpressions = impressions;
        e.priorClicks = clicks;
        e.priorPurchases = purchases;
        e.priorRevenue = revenue.doubleValue();
        e.priorCtr = impressions == 0 ? null : (double) clicks / impressions;
    }

    static long dayStart(long ts) {
        return Math.floorDiv(ts, DAY_MS) * DAY_MS;
    }
}
