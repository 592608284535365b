package io.lakestream.pipelines.userdaily;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.UserBucket;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventType;
import io.lakestream.pipelines.model.EventTypeInfo;
import io.lakestream.pipelines.model.UserDaily;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@code user_daily}'s day windows: keyed by bucket of users, one row per user and day against a
 * plain-Java oracle; the operator lets checkpoints interrupt its firing, and its state is the plain
 * window operator's, so a savepoint of either restores into the other.
 */
class DayWindowsTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long D = 20_400 * DAY;
    private static final TypeInformation<Event> EVENT = EventTypeInfo.of();

    private static OneInputStreamOperator<Event, UserDaily> plain() {
        TumblingEventTimeWindows days = TumblingEventTimeWindows.of(Duration.ofDays(1));
        return new WindowOperatorBuilder<Event, Integer, TimeWindow>(
                        days,
                        days.getDefaultTrigger(),
                        new ExecutionConfig(),
                        EVENT,
                        new UserBucket(),
                        Types.INT)
                .process(new UserDailyFunction());
    }

    private static OneInputStreamOperator<Event, UserDaily> interruptible() {
        return UserDailyPipeline.dayWindows(new ExecutionConfig(), EVENT);
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, Event, UserDaily> harness(
            OneInputStreamOperator<Event, UserDaily> op) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(op, new UserBucket(), Types.INT);
    }

    private static StreamRecord<Event> event(String user, String type, long ts, Double price) {
        Event e = new Event();
        e.eventId = user + type + ts;
        e.userId = user;
        e.itemId = "item-" + type;
        e.eventType = type;
        e.ts = ts;
        e.price = price;
        return new StreamRecord<>(e, ts);
    }

    @Test
    void declaresInterruptibleTimers() {
        assertThat(
                        UserDailyPipeline.dayWindows(new ExecutionConfig(), EVENT)
                                .useInterruptibleTimers())
                .isTrue();
    }

    @Test
    void aSnapshotOfThePlainOperatorRestoresIntoTheInterruptibleOneAndBack() throws Exception {
        String expected = "1/1/2 3.30 3 10..50";
        assertThat(rowAfterRestore(plain(), plain())).isEqualTo(expected);
        assertThat(rowAfterRestore(plain(), interruptible())).isEqualTo(expected);
        assertThat(rowAfterRestore(interruptible(), plain())).isEqualTo(expected);
    }

    @Test
    void finishingAfterAnUninterruptedFiringEmitsNoRowTwice() throws Exception {
        try (var h = harness(interruptible())) {
            h.open();
            h.processElement(event("u1", EventType.IMPRESSION, D + 10, null));
            h.processElement(event("u2", EventType.IMPRESSION, D + DAY + 10, null));
            h.processWatermark(new Watermark(D + DAY - 1));
            assertThat(h.extractOutputValues()).extracting(u -> u.userId).containsExactly("u1");
            // what the last watermark left is fired in finish(); u2's day is not complete
            h.getOperator().finish();
            assertThat(h.extractOutputValues()).extracting(u -> u.userId).containsExactly("u1");
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
    }

    @Test
    void aDayFiresOneTimerPerBucketAndOneRowPerUser() throws Exception {
        Random random = new Random(42);
        String[] types = {EventType.IMPRESSION, EventType.CLICK, EventType.PURCHASE};
        List<StreamRecord<Event>> input = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            String user = "user-" + random.nextInt(20_000);
            String type = types[random.nextInt(types.length)];
            long ts = D + random.nextInt(2) * DAY + random.nextInt((int) DAY);
            Double price = type.equals(EventType.PURCHASE) ? random.nextInt(10_000) / 100.0 : null;
            StreamRecord<Event> r = event(user, type, ts, price);
            r.getValue().eventId = "e" + i;
            r.getValue().itemId = "item-" + random.nextInt(50);
            input.add(r);
        }
        // the oracle: plain Java over the input, per user and day
        Map<String, List<Event>> byUserDay = new HashMap<>();
        Set<String> bucketDays = new HashSet<>();
        for (StreamRecord<Event> r : input) {
            Event e = r.getValue();
            long day = e.ts - Math.floorMod(e.ts, DAY);
            byUserDay.computeIfAbsent(e.userId + "|" + day, k -> new ArrayList<>()).add(e);
            bucketDays.add(UserBucket.of(e.userId) + "|" + day);
        }
        List<String> expected = new ArrayList<>();
        byUserDay.forEach(
                (key, events) -> {
                    BigDecimal revenue = BigDecimal.ZERO;
                    long[] counts = new long[3];
                    for (Event e : events) {
                        counts[List.of(types).indexOf(e.eventType)]++;
                        if (e.price != null) {
                            revenue = revenue.add(BigDecimal.valueOf(e.price));
                        }
                    }
                    expected.add(
                            String.format(
                                    Locale.ROOT,
                                    "%s %d/%d/%d %.2f %d %d..%d",
                                    key,
                                    counts[0],
                                    counts[1],
                                    counts[2],
                                    revenue.doubleValue(),
                                    events.stream().map(e -> e.itemId).distinct().count(),
                                    events.stream().mapToLong(e -> e.ts).min().getAsLong(),
                                    events.stream().mapToLong(e -> e.ts).max().getAsLong()));
                });

        try (var h = harness(interruptible())) {
            h.open();
            for (StreamRecord<Event> r : input) {
                h.processElement(r);
            }
            // one timer per bucket and day, however many users
            assertThat(h.numEventTimeTimers()).isEqualTo(bucketDays.size());
            assertThat(bucketDays.size()).isLessThan(byUserDay.size());
            h.processWatermark(new Watermark(D + 2 * DAY - 1));
            List<String> actual = new ArrayList<>();
            for (UserDaily u : h.extractOutputValues()) {
                actual.add(
                        String.format(
                                Locale.ROOT,
                                "%s|%d %d/%d/%d %.2f %d %d..%d",
                                u.userId,
                                u.dateStart,
                                u.impressions,
                                u.clicks,
                                u.purchases,
                                u.revenue,
                                u.distinctItems,
                                u.firstEventTime,
                                u.lastEventTime));
            }
            assertThat(actual)
                    .hasSameSizeAs(expected)
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void bucketsSpreadUsersEvenly() {
        int[] users = new int[UserBucket.BUCKETS];
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            int b = UserBucket.of("u" + i);
            assertThat(b).isBetween(0, UserBucket.BUCKETS - 1);
            users[b]++;
        }
        double mean = (double) n / UserBucket.BUCKETS;
        // Poisson-like spread: no bucket with more than twice the mean, none empty
        assertThat(Arrays.stream(users).max().getAsInt()).isLessThan((int) (2 * mean));
        assertThat(Arrays.stream(users).min().getAsInt()).isPositive();
    }

    /** u1's row of day D, with events before and after a snapshot taken by {@code before}. */
    private static String rowAfterRestore(
            OneInputStreamOperator<Event, UserDaily> before,
            OneInputStreamOperator<Event, UserDaily> after)
            throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(before)) {
            h.open();
            h.processElement(event("u1", EventType.IMPRESSION, D + 10, null));
            h.processElement(event("u1", EventType.PURCHASE, D + 20, 1.10));
            h.processWatermark(new Watermark(D + 30));
            assertThat(h.extractOutputValues()).isEmpty();
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(after)) {
            h.initializeState(snapshot);
            h.open();
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            h.processElement(event("u1", EventType.CLICK, D + 40, null));
            h.processElement(event("u1", EventType.PURCHASE, D + 50, 2.20));
            h.processWatermark(new Watermark(D + DAY - 1));
            assertThat(h.extractOutputValues()).hasSize(1);
            UserDaily u = h.extractOutputValues().get(0);
            assertThat(u.userId).isEqualTo("u1");
            assertThat(u.dateStart).isEqualTo(D);
            assertThat(h.numEventTimeTimers()).isZero();
            return String.format(
                    Locale.ROOT,
                    "%d/%d/%d %.2f %d %d..%d",
                    u.impressions,
                    u.clicks,
                    u.purchases,
                    u.revenue,
                    u.distinctItems,
                    u.firstEventTime - D,
                    u.lastEventTime - D);
        }
    }
}
