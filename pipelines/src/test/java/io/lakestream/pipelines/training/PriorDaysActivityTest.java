package io.lakestream.pipelines.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventType;
import io.lakestream.pipelines.model.TrainingExample;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The prior-days features through Flink's two-input harness: only D-7..D-1 count, across a restore.
 */
class PriorDaysActivityTest {

    private static final long DAY = PriorDaysActivity.DAY_MS;
    private static final long D = 20_400 * DAY; // a date's start (2025-11-08)
    private static final long NOON = DAY / 2;

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, TrainingExample, UserDayActivity, TrainingExample>
            harness() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new PriorDaysActivity(7)),
                t -> t.userId,
                e -> e.userId,
                Types.STRING);
    }

    /** The activity of one event, as {@link DayActivityRouter} makes it. */
    static StreamRecord<UserDayActivity> event(String user, String type, long ts, Double price) {
        Event e = new Event();
        e.eventId = user + type + ts;
        e.userId = user;
        e.itemId = "i1";
        e.eventType = type;
        e.ts = ts;
        e.price = price;
        DayActivity one = new DayActivity();
        one.add(e);
        return new StreamRecord<>(
                new UserDayActivity(user, PriorDaysActivity.dayStart(ts), 0, one), ts);
    }

    static StreamRecord<TrainingExample> example(String id, String user, long ts) {
        TrainingExample t = new TrainingExample();
        t.eventId = id;
        t.userId = user;
        t.itemId = "i1";
        t.eventTime = ts;
        return new StreamRecord<>(t, ts);
    }

    /** One event of each kind on each of D-8..D (a purchase of 1.10 each day), for user u1. */
    static void activityOnDays(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, TrainingExample, UserDayActivity, TrainingExample>
                    h,
            long firstDay,
            long lastDayExclusive)
            throws Exception {
        for (long day = firstDay; day < lastDayExclusive; day += DAY) {
            h.processElement2(event("u1", EventType.IMPRESSION, day + NOON, null));
            h.processElement2(event("u1", EventType.IMPRESSION, day + NOON + 1, null));
            h.processElement2(event("u1", EventType.CLICK, day + NOON + 2, null));
            h.processElement2(event("u1", EventType.PURCHASE, day + NOON + 3, 1.10));
        }
    }

    @Test
    void onlyTheSevenDaysBeforeTheDateCountNeverTheDateItself() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            activityOnDays(h, D - 8 * DAY, D - 3 * DAY);
            snapshot = h.snapshot(1, 10);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            activityOnDays(h, D - 3 * DAY, D + DAY); // D-3..D, D included
            h.processElement1(example("at-noon", "u1", D + NOON));
            h.processElement1(example("no-history", "u2", D + NOON));
            h.processBothWatermarks(new Watermark(D - 2)); // D-1 not complete yet
            assertThat(h.extractOutputValues()).isEmpty();
            // events of D keep coming after the examples; they must not count for date D
            h.processElement2(event("u1", EventType.PURCHASE, D + NOON + 10, 100.0));
            h.processBothWatermarks(new Watermark(D - 1));

            List<TrainingExample> out = h.extractOutputValues();
            assertThat(out)
                    .extracting(t -> t.eventId)
                    .containsExactlyInAnyOrder("at-noon", "no-history");
            TrainingExample u1 = out.stream().filter(t -> t.userId.equals("u1")).findFirst().get();
            assertThat(u1.priorDaysActive).isEqualTo(7);
            assertThat(u1.priorImpressions).isEqualTo(14);
            assertThat(u1.priorClicks).isEqualTo(7);
            assertThat(u1.priorPurchases).isEqualTo(7);
            assertThat(u1.priorRevenue).isEqualTo(7.7); // exact decimal sum, not 7 x 1.1 in doubles
            assertThat(u1.priorCtr).isEqualTo(0.5);
            TrainingExample u2 = out.stream().filter(t -> t.userId.equals("u2")).findFirst().get();
            assertThat(u2.priorDaysActive).isZero();
            assertThat(u2.priorImpressions).isZero();
            assertThat(u2.priorRevenue).isZero();
            assertThat(u2.priorCtr).isNull();
        }
    }

    @Test
    void anExampleBehindTheWatermarkIsCompletedAtOnceAndOldDaysAreDropped() throws Exception {
        try (var h = harness()) {
            h.open();
            activityOnDays(h, D - 9 * DAY, D + DAY);
            h.processBothWatermarks(new Watermark(D + 1));
            h.processElement1(example("late-example", "u1", D + NOON));
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(t -> assertThat(t.priorDaysActive).isEqualTo(7))
                    .satisfies(t -> assertThat(t.priorImpressions).isEqualTo(14));
            // the drop timers of D-9 and D-8 fired; those of D-7..D (N + 1 days) wait
            assertThat(h.numEventTimeTimers()).isEqualTo(8);
        }
    }
}
