package io.lakestream.pipelines.dau;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.DailyActiveUsers;
import io.lakestream.pipelines.model.UserActivity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

/**
 * DAU partials split and merged in any order give the same rows, byte for byte; the exact count
 * equals a plain-Java distinct count and the HLL estimate is within three standard errors.
 */
class DauAggregationTest {

    private static final String[] COUNTRIES = {"DE", "FR", null, "US"};

    /** One day of first activities: user u active in one or two countries. */
    private static List<UserActivity> activities(int users, long seed) {
        Random r = new Random(seed);
        List<UserActivity> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int countries = 1 + r.nextInt(2);
            for (int c = 0; c < countries; c++) {
                UserActivity a = new UserActivity();
                a.dateStart = 0;
                a.ts = r.nextInt(86_400_000);
                a.userId = "user-" + u;
                a.country = COUNTRIES[(u + c) % COUNTRIES.length];
                a.firstOfDay = c == 0;
                out.add(a);
            }
        }
        return out;
    }

    private static List<String> rows(
            DauAggregation agg, List<UserActivity> input, int partials, long seed)
            throws Exception {
        List<UserActivity> shuffled = new ArrayList<>(input);
        Collections.shuffle(shuffled, new Random(seed));
        List<TreeMap<String, DistinctUsers>> parts = new ArrayList<>();
        for (int i = 0; i < partials; i++) {
            parts.add(agg.create());
        }
        for (int i = 0; i < shuffled.size(); i++) {
            agg.add(parts.get(i % partials), shuffled.get(i));
        }
        Collections.shuffle(parts, new Random(seed + 1));
        TreeMap<String, DistinctUsers> merged = agg.fromBytes(agg.toBytes(parts.get(0)));
        for (TreeMap<String, DistinctUsers> p : parts.subList(1, parts.size())) {
            agg.merge(merged, agg.fromBytes(agg.toBytes(p)));
        }
        List<DailyActiveUsers> rows = new ArrayList<>();
        agg.emit(0, merged, new ListCollector<>(rows));
        List<String> out = new ArrayList<>();
        for (DailyActiveUsers row : rows) {
            out.add(
                    row.country
                            + "|"
                            + row.exact
                            + "|"
                            + row.hllEstimate
                            + "|"
                            + Arrays.toString(row.hllSketch));
        }
        return out;
    }

    @Test
    void totalIsOrderIndependentExactAndWithinTheSketchBound() throws Exception {
        List<UserActivity> input = activities(30_000, 1);
        DauAggregation agg = new DauAggregation(false);
        List<String> once = rows(agg, input, 1, 11);
        assertThat(rows(agg, input, 3, 12)).isEqualTo(once);
        assertThat(rows(agg, input, 7, 13)).isEqualTo(once);

        List<DailyActiveUsers> emitted = new ArrayList<>();
        TreeMap<String, DistinctUsers> acc = agg.create();
        input.forEach(a -> agg.add(acc, a));
        agg.emit(0, acc, new ListCollector<>(emitted));
        assertThat(emitted).hasSize(1);
        DailyActiveUsers dau = emitted.get(0);
        Set<String> distinct = new HashSet<>();
        input.forEach(a -> distinct.add(a.userId));
        assertThat(dau.exact).isEqualTo(distinct.size());
        assertThat(dau.country).isNull();
        assertThat(Math.abs(dau.hllEstimate - distinct.size()))
                .isLessThanOrEqualTo((long) Math.ceil(3 * dau.hllRse * distinct.size()));
    }

    @Test
    void perCountryCountsEachUserOncePerCountry() throws Exception {
        List<UserActivity> input = activities(5_000, 2);
        DauAggregation agg = new DauAggregation(true);
        assertThat(rows(agg, input, 4, 21)).isEqualTo(rows(agg, input, 1, 22));

        Map<String, Set<String>> oracle = new TreeMap<>();
        input.forEach(
                a ->
                        oracle.computeIfAbsent(String.valueOf(a.country), k -> new HashSet<>())
                                .add(a.userId));
        TreeMap<String, DistinctUsers> acc = agg.create();
        input.forEach(a -> agg.add(acc, a));
        List<DailyActiveUsers> rows = new ArrayList<>();
        agg.emit(0, acc, new ListCollector<>(rows));
        Map<String, Long> exact = new TreeMap<>();
        rows.forEach(row -> exact.put(String.valueOf(row.country), row.exact));
        Map<String, Long> expected = new TreeMap<>();
        oracle.forEach((c, users) -> expected.put(c, (long) users.size()));
        assertThat(exact).isEqualTo(expected);
    }
}
