package io.lakestream.pipelines.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.pipelines.dau.DayActivity;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventType;
import io.lakestream.pipelines.model.UserActivity;
import io.lakestream.pipelines.model.UserDaily;
import io.lakestream.pipelines.userdaily.UserDailyFold;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * A backfill's one stage keyed by user: each fold's rows equal a plain-Java grouping of the events
 * by user and day, and user_daily + dau share the stage.
 */
class UserDayStageTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long START = LocalDate.of(2026, 11, 1).toEpochDay() * DAY;
    private static final String[] COUNTRIES = {null, "DE", "FR", "US"};
    private static final String[] TYPES = {
        EventType.IMPRESSION, EventType.CLICK, EventType.PURCHASE, "unknown"
    };

    /** Events of 40 users over 4 days (a few around midnight), in random order. */
    private static List<Event> events(long seed) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Event e = new Event();
            e.eventId = "e" + i;
            e.userId = "u" + random.nextInt(40);
            e.itemId = "i" + random.nextInt(30);
            e.eventType = TYPES[random.nextInt(TYPES.length)];
            e.price =
                    EventType.PURCHASE.equals(e.eventType) ? random.nextInt(10_000) / 100.0 : null;
            e.country = COUNTRIES[random.nextInt(COUNTRIES.length)];
            e.ts =
                    random.nextInt(10) == 0
                            ? START + (1 + random.nextInt(3)) * DAY - 1 + random.nextInt(2)
                            : START + (long) (random.nextDouble() * 4 * DAY);
            events.add(e);
        }
        Collections.shuffle(events, random);
        return events;
    }

    private static long dateOf(long ts) {
        return Math.floorDiv(ts, DAY) * DAY;
    }

    @Test
    void eachFoldGivesTheRowsOfAPlainGroupingByUserAndDay() throws Exception {
        List<Event> events = events(7);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        UserDayStage stage = new UserDayStage();
        OutputTag<UserDaily> daily =
                stage.add(new UserDailyFold(), TypeInformation.of(UserDaily.class));
        OutputTag<UserActivity> activity =
                stage.add(new DayActivity(), TypeInformation.of(UserActivity.class));
        SingleOutputStreamOperator<Void> rows =
                env.fromData(events)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Event>forMonotonousTimestamps()
                                        .withTimestampAssigner((e, t) -> e.ts))
                        .keyBy(e -> e.userId, Types.STRING)
                        .process(stage, Types.VOID);
        DataStream<String> out =
                rows.getSideOutput(daily)
                        .map(UserDayStageTest::describe, Types.STRING)
                        .union(
                                rows.getSideOutput(activity)
                                        .map(UserDayStageTest::describe, Types.STRING));
        List<String> actual = new ArrayList<>();
        out.executeAndCollect().forEachRemaining(actual::add);

        List<String> expected = new ArrayList<>(expectedDaily(events));
        expected.addAll(expectedActivity(events));
        assertThat(actual).hasSameSizeAs(expected).containsExactlyInAnyOrderElementsOf(expected);
        // the date's mark: on exactly one activity per user and date
        Map<String, Integer> marks = new HashMap<>();
        for (String row : actual) {
            if (row.startsWith("activity") && row.endsWith("first")) {
                marks.merge(row.substring(0, row.indexOf(" country=")), 1, Integer::sum);
            }
        }
        assertThat(marks)
                .hasSize(expectedDaily(events).size())
                .allSatisfy((k, n) -> assertThat(n).isOne());
    }

    private static String describe(UserDaily d) {
        return "daily "
                + d.userId
                + " "
                + d.dateStart
                + " i="
                + d.impressions
                + " c="
                + d.clicks
                + " p="
                + d.purchases
                + " r="
                + d.revenue
                + " items="
                + d.distinctItems
                + " "
                + d.firstEventTime
                + ".."
                + d.lastEventTime;
    }

    private static String describe(UserActivity a) {
        return "activity "
                + a.userId
                + " "
                + a.dateStart
                + " country="
                + a.country
                + " ts="
                + a.ts
                + (a.firstOfDay ? " first" : "");
    }

    /** The oracle of user_daily: a plain grouping by (user, date). */
    private static List<String> expectedDaily(List<Event> events) {
        Map<String, List<Event>> byUserDay = new HashMap<>();
        for (Event e : events) {
            byUserDay.computeIfAbsent(e.userId + " " + dateOf(e.ts), k -> new ArrayList<>()).add(e);
        }
        List<String> rows = new ArrayList<>();
        for (List<Event> day : byUserDay.values()) {
            UserDaily d = new UserDaily();
            d.userId = day.get(0).userId;
            d.dateStart = dateOf(day.get(0).ts);
            BigDecimal revenue = BigDecimal.ZERO;
            Set<String> items = new HashSet<>();
            d.firstEventTime = day.stream().mapToLong(e -> e.ts).min().orElseThrow();
            d.lastEventTime = day.stream().mapToLong(e -> e.ts).max().orElseThrow();
            for (Event e : day) {
                d.impressions += EventType.IMPRESSION.equals(e.eventType) ? 1 : 0;
                d.clicks += EventType.CLICK.equals(e.eventType) ? 1 : 0;
                if (EventType.PURCHASE.equals(e.eventType)) {
                    d.purchases++;
                    revenue = revenue.add(BigDecimal.valueOf(e.price));
                }
                items.add(e.itemId);
            }
            d.revenue = revenue.doubleValue();
            d.distinctItems = items.size();
            rows.add(describe(d));
        }
        return rows;
    }

    /** The oracle of dau's activity: the earliest event per (user, date, country). */
    private static List<String> expectedActivity(List<Event> events) {
        Map<List<Object>, Long> first = new HashMap<>();
        Map<List<Object>, List<Object>> firstOfDay = new HashMap<>();
        for (Event e : events) {
            first.merge(
                    java.util.Arrays.asList(e.userId, dateOf(e.ts), e.country), e.ts, Math::min);
        }
        for (Map.Entry<List<Object>, Long> c : first.entrySet()) {
            List<Object> userDay = c.getKey().subList(0, 2);
            List<Object> best = firstOfDay.get(userDay);
            if (best == null || before(c.getKey(), c.getValue(), best, first.get(best))) {
                firstOfDay.put(userDay, c.getKey());
            }
        }
        List<String> rows = new ArrayList<>();
        for (Map.Entry<List<Object>, Long> c : first.entrySet()) {
            UserActivity a = new UserActivity();
            a.userId = (String) c.getKey().get(0);
            a.dateStart = (Long) c.getKey().get(1);
            a.country = (String) c.getKey().get(2);
            a.ts = c.getValue();
            a.firstOfDay = Objects.equals(firstOfDay.get(c.getKey().subList(0, 2)), c.getKey());
            rows.add(describe(a));
        }
        return rows;
    }

    private static boolean before(List<Object> a, long aTs, List<Object> b, long bTs) {
        if (aTs != bTs) {
            return aTs < bTs;
        }
        String ac = (String) a.get(2);
        String bc = (String) b.get(2);
        return ac == null ? bc != null : bc != null && ac.compareTo(bc) < 0;
    }

    @Test
    void refusesToMixTwoUsersDaysOutsideBatchMode() throws Exception {
        UserDayStage stage = new UserDayStage();
        stage.add(new UserDailyFold(), TypeInformation.of(UserDaily.class));
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(stage), (Event e) -> e.userId, Types.STRING)) {
            h.open();
            List<Event> two = events(3).subList(0, 50);
            Event a = two.get(0);
            Event b =
                    two.stream().filter(e -> !e.userId.equals(a.userId)).findFirst().orElseThrow();
            h.processElement(new StreamRecord<>(a, a.ts));
            assertThatThrownBy(() -> h.processElement(new StreamRecord<>(b, b.ts)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("BATCH");
        }
    }

    @Test
    void aBackfillOfUserDailyAndDauSortsByUserOnce() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LakestreamJob.compose(
                env,
                RunSpec.builder()
                        .mode(RunMode.BACKFILL)
                        .lake("/tmp/lake-user-days")
                        .runId("user-days")
                        .pipelines(List.of("user_daily", "dau"))
                        .range(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2))
                        .replay(
                                new io.lakestream.connectors.kafka.ReplayPlan(
                                        "events", 0, 1, Map.of(0, new long[] {0, 1})))
                        .build());
        List<String> operators = new ArrayList<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            operators.add(node.getOperatorName());
        }
        assertThat(operators)
                .containsOnlyOnce("per user and day: user_daily, dau")
                .doesNotContain("user_daily: day windows", "dau: first activity per user and date");
    }
}
