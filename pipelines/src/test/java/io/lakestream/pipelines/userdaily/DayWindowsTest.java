package io.lakestream.pipelines.userdaily;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventType;
import io.lakestream.pipelines.model.UserDaily;
import java.time.Duration;
import java.util.Locale;
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
 * {@code user_daily}'s day windows: the operator lets checkpoints interrupt its firing, and its
 * state is the plain window operator's, so a savepoint of either restores into the other.
 */
class DayWindowsTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long D = 20_400 * DAY;
    private static final TypeInformation<Event> EVENT = TypeInformation.of(Event.class);

    private static OneInputStreamOperator<Event, UserDaily> plain() {
        TumblingEventTimeWindows days = TumblingEventTimeWindows.of(Duration.ofDays(1));
        return new WindowOperatorBuilder<Event, String, TimeWindow>(
                        days,
                        days.getDefaultTrigger(),
                        new ExecutionConfig(),
                        EVENT,
                        e -> e.userId,
                        Types.STRING)
                .process(new UserDailyFunction());
    }

    private static OneInputStreamOperator<Event, UserDaily> interruptible() {
        return UserDailyPipeline.dayWindows(new ExecutionConfig(), EVENT);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, UserDaily> harness(
            OneInputStreamOperator<Event, UserDaily> op) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(op, e -> e.userId, Types.STRING);
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
