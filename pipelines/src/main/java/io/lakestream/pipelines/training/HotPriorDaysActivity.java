package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.TrainingExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * {@link PriorDaysActivity} for the examples of hot users ({@link HotUserJoin}): the user's day
 * counts, sent by its home {@link PriorDaysActivity} once it is hot, are broadcast to all subtasks
 * and added up per day. An example waits for the watermark to pass its own time, not only its
 * date's start as at home: by then the broadcast holds what the home held when the user turned hot,
 * and every count up to that time.
 *
 * <p>The broadcast state keeps, per hot user, the days an example behind the watermark can still
 * need ({@code days + 1} before the watermark's date); in a backfill (BATCH) the watermark only
 * moves at the end and every day of a hot user is kept, one entry per user and day.
 */
public final class HotPriorDaysActivity extends HotUserJoin<UserDayActivity> {

    private static final long serialVersionUID = 1L;

    /** Day counts of hot users by {@code "<day start>:<user>"}. */
    public static final MapStateDescriptor<String, DayActivity> DAYS =
            new MapStateDescriptor<>(
                    "hot-user-day-activity", Types.STRING, TypeInformation.of(DayActivity.class));

    private final int days;

    /** Sums the {@code days} days before each example's date. */
    public HotPriorDaysActivity(int days) {
        super(PriorDaysActivity.STAGE);
        this.days = PriorDaysActivity.checkDays(days);
    }

    @Override
    void keep(UserDayActivity a, Context ctx) throws Exception {
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
    void complete(TrainingExample e, OnTimerContext ctx) throws Exception {
        ReadOnlyBroadcastState<String, DayActivity> state = ctx.getBroadcastState(DAYS);
        PriorDaysActivity.fill(
                e,
                PriorDaysActivity.dayStart(e.eventTime),
                days,
                day -> state.get(key(day, e.userId)));
    }

    private static String key(long day, String userId) {
        return day + ":" + userId;
    }
}
