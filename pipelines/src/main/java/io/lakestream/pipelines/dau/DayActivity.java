package io.lakestream.pipelines.dau;

import io.lakestream.pipelines.UserDayFold;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.UserActivity;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.util.Collector;

/**
 * {@link FirstActivity} as a fold, for a backfill: a user's first activity of a day in each country
 * (the earliest event time; a null country is one of them), from all of the day's events at once.
 *
 * <p>The date's own mark ({@code firstOfDay}) goes to the earliest activity (ties: the smallest
 * country, null first). A stream's {@link FirstActivity} gives it to the first to arrive instead;
 * either way it is on exactly one activity per user and date, which is all {@link DauAggregation}
 * counts, so the rows are the same.
 */
public final class DayActivity implements UserDayFold<Map<String, Long>, UserActivity> {

    private static final long serialVersionUID = 1L;

    /** Country (null for none) → the earliest event time in it. */
    @Override
    public Map<String, Long> create() {
        return new HashMap<>(4);
    }

    @Override
    public void add(Map<String, Long> firstByCountry, Event e) {
        firstByCountry.merge(e.country, e.ts, Math::min);
    }

    @Override
    public void emit(
            String userId,
            long dateStart,
            Map<String, Long> firstByCountry,
            Collector<UserActivity> out) {
        Map.Entry<String, Long> earliest = null;
        for (Map.Entry<String, Long> c : firstByCountry.entrySet()) {
            if (earliest == null || earlier(c, earliest)) {
                earliest = c;
            }
        }
        for (Map.Entry<String, Long> c : firstByCountry.entrySet()) {
            UserActivity a = new UserActivity();
            a.dateStart = dateStart;
            a.ts = c.getValue();
            a.userId = userId;
            a.country = c.getKey();
            a.firstOfDay = c == earliest;
            out.collect(a);
        }
    }

    private static boolean earlier(Map.Entry<String, Long> a, Map.Entry<String, Long> b) {
        int byTime = Long.compare(a.getValue(), b.getValue());
        if (byTime != 0) {
            return byTime < 0;
        }
        if (a.getKey() == null || b.getKey() == null) {
            return a.getKey() == null && b.getKey() != null;
        }
        return a.getKey().compareTo(b.getKey()) < 0;
    }
}
