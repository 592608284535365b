package io.lakestream.pipelines.training;

import io.lakestream.pipelines.skew.SaltedKey;
import io.lakestream.pipelines.skew.SubtaskLoad;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts a user's activity per UTC day under one sub-key ({@code SaltedKey}) and emits the count
 * when the watermark passes the day's end: one record per user and day for most users, one per
 * sub-key for a hot one, which {@link PriorDaysActivity} adds up. Late events are dropped upstream
 * (the late-data rule drops an event at or behind the watermark), so no event of a day arrives
 * after its count left; if one did, it would leave as a further partial count and still add up.
 */
public final class DayActivityPartials
        extends KeyedProcessFunction<String, UserDayActivity, UserDayActivity> {

    private static final long serialVersionUID = 1L;

    /** The stage's name in the run's load per subtask. */
    public static final String STAGE = "training_examples/day-activity";

    private transient MapState<Long, DayActivity> days;
    private transient SubtaskLoad load;

    @Override
    public void open(OpenContext ctx) {
        days =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "day-partials",
                                        Types.LONG,
                                        TypeInformation.of(DayActivity.class)));
        load = SubtaskLoad.register(getRuntimeContext(), STAGE);
    }

    @Override
    public void processElement(UserDayActivity a, Context ctx, Collector<UserDayActivity> out)
            throws Exception {
        load.count();
        DayActivity d = days.get(a.day);
        if (d == null) {
            d = new DayActivity();
            ctx.timerService().registerEventTimeTimer(a.day + PriorDaysActivity.DAY_MS - 1);
        }
        d.add(a.activity);
        days.put(a.day, d);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<UserDayActivity> out)
            throws Exception {
        long day = time + 1 - PriorDaysActivity.DAY_MS;
        DayActivity d = days.get(day);
        if (d != null) {
            String key = ctx.getCurrentKey();
            out.collect(new UserDayActivity(SaltedKey.keyOf(key), day, SaltedKey.saltOf(key), d));
            days.remove(day);
        }
    }
}
