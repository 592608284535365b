package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.TrainingExample;
import io.lakestream.pipelines.skew.SubtaskLoad;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Adds to each example the user's activity over the {@code days} UTC days strictly before the
 * impression's date, keyed by user: the second input is the user's activity per day, counted by
 * {@link DayActivityPartials} (several partial counts of a day for a hot user, added up here). The
 * impression's own date never counts, so no example sees its day's later events (or its own label's
 * click).
 *
 * <p>An example of date D waits for an event-time timer at the last millisecond of D-1: it fires
 * once the watermark of both inputs has passed D-1, i.e. once every count of D-N..D-1 has arrived
 * (a day's count leaves {@link DayActivityPartials} when the watermark passes the day's end, ahead
 * of that watermark; examples arrive in time order per user and behind the counts, see {@link
 * LabelWindowShift}; an example that arrives later than that is completed at once). The same timer
 * drops the days older than D-N, and every day counted schedules the timer that drops it, so state
 * holds at most the last N+1 days of a user plus the examples of the current date. Late events are
 * dropped before this operator by the late-data rule, exactly as for {@code user_daily}: a stream's
 * features are those of the on-time events, and {@code lakestream repair} restates the dates a late
 * event changes. In a backfill (BATCH) a user's timers fire after all of its counts are in; the
 * window bounds keep later days out.
 *
 * <p>This is the user's home: every count of the user arrives here. Once a {@link
 * TrainingExample#hotUserMarker(String) marker} says the user is hot, the days it holds, and every
 * later count, also go to {@link #HOT_DAYS}, for {@link HotPriorDaysActivity}.
 */
public final class PriorDaysActivity
        extends KeyedCoProcessFunction<String, TrainingExample, UserDayActivity, TrainingExample> {

    private static final long serialVersionUID = 1L;

    /** The stage's name in the run's load per subtask (with {@link HotPriorDaysActivity}). */
    public static final String STAGE = "training_examples/prior-days";

    /** The day counts of hot users, for {@link HotPriorDaysActivity}. */
    public static final OutputTag<UserDayActivity> HOT_DAYS =
            new OutputTag<>("hot-user-day-activity") {};

    static final long DAY_MS = 86_400_000L;

    private final int days;

    private transient MapState<Long, DayActivity> activity;
    private transient WaitingExamples waiting;
    private transient ValueState<Boolean> hot;
    private transient SubtaskLoad load;

    /** Looks a day's activity up, by the day's start. */
    @FunctionalInterface
    interface Days {
        DayActivity of(long dayStart) throws Exception;
    }

    /** Sums the {@code days} days before each example's date. */
    public PriorDaysActivity(int days) {
        this.days = checkDays(days);
    }

    static int checkDays(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        return days;
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
        waiting = WaitingExamples.in(getRuntimeContext(), "examples-by-date");
        hot = getRuntimeContext().getState(new ValueStateDescriptor<>("hot-user", Types.BOOLEAN));
        load = SubtaskLoad.register(getRuntimeContext(), STAGE);
    }

    @Override
    public void processElement1(TrainingExample e, Context ctx, Collector<TrainingExample> out)
            throws Exception {
        load.count();
        if (e.isHotUserMarker()) {
            if (hot.value() == null) {
                hot.update(true);
                for (Map.Entry<Long, DayActivity> d : activity.entries()) {
                    ctx.output(
                            HOT_DAYS, new UserDayActivity(e.userId, d.getKey(), 0, d.getValue()));
                }
            }
            return;
        }
        long date = dayStart(e.eventTime);
        if (ctx.timerService().currentWatermark() >= date - 1) {
            TrainingExample done = e.copy(); // jobs run with object reuse: never modify the input
            fill(done, date, days, activity::get);
            out.collect(done);
            return;
        }
        waiting.add(date, e);
        ctx.timerService().registerEventTimeTimer(date - 1);
    }

    @Override
    public void processElement2(UserDayActivity a, Context ctx, Collector<TrainingExample> out)
            throws Exception {
        load.count();
        DayActivity d = activity.get(a.day);
        if (d == null) {
            d = new DayActivity();
            // the day is needed up to the examples of day + days; then this timer drops it
            ctx.timerService().registerEventTimeTimer(a.day + (days + 1) * DAY_MS - 1);
        }
        d.add(a.activity);
        activity.put(a.day, d);
        if (hot.value() != null) {
            ctx.output(HOT_DAYS, a);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<TrainingExample> out)
            throws Exception {
        long date = time + 1;
        for (TrainingExample e : waiting.take(date)) {
            fill(e, date, days, activity::get);
            out.collect(e);
        }
        for (Iterator<Map.Entry<Long, DayActivity>> it = activity.iterator(); it.hasNext(); ) {
            if (it.next().getKey() < date - days * DAY_MS) {
                it.remove();
            }
        }
    }

    /** Sets the prior-activity columns of {@code e} from the days {@code [date - days, date)}. */
    static void fill(TrainingExample e, long date, int days, Days activity) throws Exception {
        int active = 0;
        long impressions = 0;
        long clicks = 0;
        long purchases = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (long day = date - days * DAY_MS; day < date; day += DAY_MS) {
            DayActivity d = activity.of(day);
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
