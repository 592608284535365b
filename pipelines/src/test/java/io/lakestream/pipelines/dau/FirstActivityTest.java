package io.lakestream.pipelines.dau;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.UserBucket;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.UserActivity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@code dau}'s first activities in a stream, keyed by bucket of users: against a plain-Java oracle
 * over the arrival order, one timer per bucket and date, and nothing left of a date once the
 * watermark passed it.
 */
class FirstActivityTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long D = 20_400 * DAY;

    @Test
    void emitsEachUsersFirstActivityPerDateAndCountryOnce() throws Exception {
        Random random = new Random(7);
        String[] countries = {"DE", "FR", "", null};
        List<Event> input = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            Event e = new Event();
            e.eventId = "e" + i;
            e.userId = "user-" + random.nextInt(10_000);
            e.country = countries[random.nextInt(countries.length)];
            e.ts = D + random.nextInt(2) * DAY + random.nextInt((int) DAY);
            input.add(e);
        }
        // the oracle, over the arrival order: the first event per (user, date, country) is
        // emitted; the first per (user, date) carries the date's mark
        List<String> expected = new ArrayList<>();
        Set<String> seenCountry = new HashSet<>();
        Set<String> seenDate = new HashSet<>();
        Set<String> bucketDates = new HashSet<>();
        for (Event e : input) {
            long date = e.ts - Math.floorMod(e.ts, DAY);
            bucketDates.add(UserBucket.of(e.userId) + "|" + date);
            if (seenCountry.add(
                    e.userId + "|" + date + "|" + Objects.toString(e.country, "null"))) {
                boolean first = seenDate.add(e.userId + "|" + date);
                expected.add(row(e.userId, date, e.country, e.ts, first));
            }
        }

        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new FirstActivity()),
                        new UserBucket(),
                        Types.INT)) {
            h.open();
            for (Event e : input) {
                h.processElement(e, e.ts);
            }
            List<String> actual = new ArrayList<>();
            Map<String, Integer> marks = new HashMap<>();
            for (UserActivity a : h.extractOutputValues()) {
                actual.add(row(a.userId, a.dateStart, a.country, a.ts, a.firstOfDay));
                if (a.firstOfDay) {
                    marks.merge(a.userId + "|" + a.dateStart, 1, Integer::sum);
                }
            }
            assertThat(actual)
                    .hasSameSizeAs(expected)
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(marks).hasSize(seenDate.size()).allSatisfy((k, n) -> assertThat(n).isOne());
            // one timer per bucket and date, however many users
            assertThat(h.numEventTimeTimers()).isEqualTo(bucketDates.size());

            // the first date closes: its marks go, the second date's stay
            h.processWatermark(new Watermark(D + DAY - 1));
            long secondDate = bucketDates.stream().filter(b -> b.endsWith("|" + (D + DAY))).count();
            assertThat(h.numEventTimeTimers()).isEqualTo((int) secondDate);
            h.processWatermark(new Watermark(D + 2 * DAY - 1));
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    private static String row(String user, long date, String country, long ts, boolean first) {
        return user + "|" + date + "|" + country + "|" + ts + "|" + first;
    }
}
