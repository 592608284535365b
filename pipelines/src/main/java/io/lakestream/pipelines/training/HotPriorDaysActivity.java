package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.TrainingExample;
import io.lakestream.pipelines.skew.SubtaskLoad;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link PriorDaysActivity} for the examples of hot users, keyed by salted user ({@code
 * SaltedKey}): the user's day counts, sent by its home {@link PriorDaysActivity} once it is hot,
 * are broadcast to all subtasks and added up per day. An example waits for the watermark to pass
 * its own time (not only its date's start, as at home): by then the broadcast holds what the home
 * held when the user turned hot, and every count up to that time (see {@link HotUserRouter}).
 *
 * <p>The broadcast state keeps, per hot user, the days an example behind the watermark can still
 * need ({@code days + 1} before the watermark's date); in a backfill (BATCH) the watermark only
 * moves at the end and every day of a hot user is kept, one entry per user and day.
 */
public final class HotPriorDaysActivity
        extends KeyedBroadcastProcessFunction<
                String, TrainingExample, UserDayActivity, TrainingExample> {

    private static final long serialVersionUID = 1L;

    /** Day counts of hot users by {@code "<day start>:<user>"}. */
    public static final MapStateDescriptor<String, DayActivity> DAYS =
            new MapStateDescriptor<>(
                    "hot-user-day-activity", Types.STRING, TypeInformation.of(DayActivity.class));

    private final int days;
    private transient WaitingExamples waiting;
    private transient SubtaskLoad load;

    /** Sums the {@code days} days before each example's date. */
    public HotPriorDaysActivity(int days) {
        this.days = PriorDaysActivity.checkDays(days);
    }

    @Override
    public void open(OpenContext ctx) {
        waiting = WaitingExamples.in(getRuntimeContext(), "waiting-examples");
        load = SubtaskLoad.register(getRuntimeContext(), PriorDaysActivity.STAGE);
    }

    @Override
    public void processElement(
            TrainingExample e, ReadOnlyContext ctx, Collector<TrainingExample> out)
            throws Exception {
        load.count();
        waiting.add(e.eventTime, e);
        ctx.timerService().registerEventTimeTimer(e.eventTime);
    }

    @Override
    public void processBroadcastElement(
            UserDayActivity a, Context ctx, Collector<TrainingExample> out) throws Exception {
        load.count();
        BroadcastState<String, DayActivity> state = ctx.getBroadcastState(DAYS);
        String key = key(a.day, a.userId);
        DayActivity d = state.get(key);
        if (d == null) {
            d = new DayActivity();
        }
        d.add(a.activity);
        state.put(key, d);
        long watermark = ctx.currentWatermark();
        if (watermark != Long.MIN_VALUE) {
            long oldest =
                    PriorDaysActivity.dayStart(watermark) - (days + 1) * PriorDaysActivity.DAY_MS;
            List<String> expired = new ArrayList<>();
            for (Map.Entry<String, DayActivity> entry : state.immutableEntries()) {
                String k = entry.getKey();
                if (Long.parseLong(k, 0, k.indexOf(':'), 10) < oldest) {
                    expired.add(k);
                }
            }
            for (String k : expired) {
                state.remove(k);
            }
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<TrainingExample> out)
            throws Exception {
        ReadOnlyBroadcastState<String, DayActivity> state = ctx.getBroadcastState(DAYS);
        for (TrainingExample e : waiting.take(time)) {
            PriorDaysActivity.fill(
                    e,
                    PriorDaysActivity.dayStart(e.eventTime),
                    days,
                    day -> state.get(key(day, e.userId)));
            out.collect(e);
        }
    }

    private static String key(long day, String userId) {
        return day + ":" + userId;
    }
}
