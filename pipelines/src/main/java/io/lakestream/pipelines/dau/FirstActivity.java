package io.lakestream.pipelines.dau;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.UserActivity;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Predicate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The keyed distinct step of a stream's {@code dau} (keyed by {@link
 * io.lakestream.pipelines.UserBucket}; a backfill runs {@link DayActivity}): emits a user's first
 * event of each date in each country (a null country is one of them), once, flagging the first of
 * the date in any country. Exact distinct counts are then plain sums, in any order, so stream and
 * backfill agree.
 *
 * <p>A bucket's marks of a date are cleared by one event-time timer at the date's last millisecond:
 * no on-time event of that date can arrive after the watermark passed it (the late-data rule runs
 * upstream), so state holds the open dates only. One timer per bucket, not per user: a day's end
 * then fires as many timers as there are buckets, however many users were active
 * (docs/decisions/0027-user-buckets.md).
 */
public final class FirstActivity extends KeyedProcessFunction<Integer, Event, UserActivity> {

    private static final long serialVersionUID = 1L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** (date start, user) of the bucket's users active on the date. */
    private transient MapState<Tuple2<Long, String>, Boolean> activeDates;

    /** (date start, user, {@link #country}) of the bucket's users active in the country. */
    private transient MapState<Tuple3<Long, String, String>, Boolean> activeCountries;

    @Override
    public void open(OpenContext ctx) {
        activeDates =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "active-dates",
                                        Types.TUPLE(Types.LONG, Types.STRING),
                                        Types.BOOLEAN));
        activeCountries =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "active-countries",
                                        Types.TUPLE(Types.LONG, Types.STRING, Types.STRING),
                                        Types.BOOLEAN));
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<UserActivity> out) throws Exception {
        long date = Math.floorDiv(e.ts, DAY) * DAY;
        Tuple3<Long, String, String> inCountry = Tuple3.of(date, e.userId, country(e.country));
        if (activeCountries.contains(inCountry)) {
            return;
        }
        Tuple2<Long, String> onDate = Tuple2.of(date, e.userId);
        boolean firstOfDay = !activeDates.contains(onDate);
        if (firstOfDay) {
            activeDates.put(onDate, Boolean.TRUE);
            // the same timer for all the bucket's users of the date: registered once
            ctx.timerService().registerEventTimeTimer(date + DAY - 1);
        }
        activeCountries.put(inCountry, Boolean.TRUE);
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
        long date = timestamp + 1 - DAY;
        removeDate(activeDates, key -> key.f0 == date);
        removeDate(activeCountries, key -> key.f0 == date);
    }

    /** Removes the keys of {@code marks} that {@code ofDate} accepts, in one pass over them. */
    private static <K> void removeDate(MapState<K, Boolean> marks, Predicate<K> ofDate)
            throws Exception {
        Iterator<K> keys = marks.keys().iterator();
        while (keys.hasNext()) {
            if (ofDate.test(keys.next())) {
                keys.remove();
            }
        }
        if (marks.isEmpty()) {
            // an iterator's removals leave the heap backend an empty map for the bucket
            marks.clear();
        }
    }

    /** A country as a non-null key, apart from every country's own name: null is not "". */
    private static String country(String country) {
        return country == null ? "-" : "+" + country;
    }
}
