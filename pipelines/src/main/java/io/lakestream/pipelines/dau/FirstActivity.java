package io.lakestream.pipelines.dau;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.UserActivity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The keyed distinct step of a stream's {@code dau} (keyed by user; a backfill runs {@link
 * DayActivity}): emits a user's first event of each date in each country, once, flagging the first
 * of the date in any country. Exact distinct counts are then plain sums, in any order, so stream
 * and backfill agree.
 *
 * <p>A date's marks are cleared by an event-time timer at the date's last millisecond: no on-time
 * event of that date can arrive after the watermark passed it (the late-data rule runs upstream),
 * so state holds the open dates only.
 */
public final class FirstActivity extends KeyedProcessFunction<String, Event, UserActivity> {

    private static final long serialVersionUID = 1L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** Keys: {@code "<dateStart>"} for the date, {@code "<dateStart>/<country>"} per country. */
    private transient MapState<String, Boolean> seen;

    @Override
    public void open(OpenContext ctx) {
        seen =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.BOOLEAN));
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<UserActivity> out) throws Exception {
        long date = Math.floorDiv(e.ts, DAY) * DAY;
        String dateKey = Long.toString(date);
        String countryKey = dateKey + "/" + (e.country == null ? "" : e.country);
        if (seen.contains(countryKey)) {
            return;
        }
        boolean firstOfDay = !seen.contains(dateKey);
        if (firstOfDay) {
            seen.put(dateKey, Boolean.TRUE);
            ctx.timerService().registerEventTimeTimer(date + DAY - 1);
        }
        seen.put(countryKey, Boolean.TRUE);
        UserActivity a = new UserActivity();
        a.dateStart = date;
        a.ts = e.ts;
        a.userId = e.userId;
        a.country = e.country;
        a.firstOfDay = firstOfDay;
        out.collect(a);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<UserActivity> out)
            throws Exception {
        String dateKey = Long.toString(timestamp + 1 - DAY);
        List<String> done = new ArrayList<>();
        for (String key : seen.keys()) {
            if (key.equals(dateKey) || key.startsWith(dateKey + "/")) {
                done.add(key);
            }
        }
        for (String key : done) {
            seen.remove(key);
        }
    }
}
