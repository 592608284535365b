package io.lakestream.pipelines.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.TrainingExample;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The click label through Flink's operator harness: window edges, timing, snapshot → restore. */
class ClickLabelerTest {

    private static final long MIN = 60_000L;
    private static final long WINDOW = 30 * MIN;
    private static final long T = 1_000_000_000_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, TrainingExample> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ClickLabeler(Duration.ofMillis(WINDOW))),
                ClickLabeler::key,
                Types.STRING);
    }

    private static StreamRecord<Event> event(
            String id, String type, String user, String item, long ts) {
        Event e = new Event();
        e.eventId = id;
        e.userId = user;
        e.itemId = item;
        e.eventType = type;
        e.ts = ts;
        e.country = "DE";
        e.device = "web";
        return new StreamRecord<>(e, ts);
    }

    private static StreamRecord<Event> impression(String id, long ts) {
        return event(id, "impression", "u1", "i1", ts);
    }

    private static StreamRecord<Event> click(long ts) {
        return event("c" + ts, "click", "u1", "i1", ts);
    }

    /** Label by impression id. */
    private static Map<String, Integer> labels(
            KeyedOneInputStreamOperatorTestHarness<String, Event, TrainingExample> h) {
        Map<String, Integer> m = new TreeMap<>();
        for (TrainingExample t : h.extractOutputValues()) {
            assertThat(m.put(t.eventId, t.label)).as("one row per impression").isNull();
        }
        return m;
    }

    @Test
    void aClickAtExactlyTheWindowsEndCountsOneMillisecondLaterDoesNot() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(event("at-edge", "impression", "u1", "i1", T));
            h.processElement(event("c1", "click", "u1", "i1", T + WINDOW)); // in (T, T+30m]
            h.processElement(event("past-edge", "impression", "u1", "i2", T));
            h.processElement(event("c2", "click", "u1", "i2", T + WINDOW + 1)); // 1 ms after
            h.processWatermark(new Watermark(T + 2 * WINDOW));

            assertThat(labels(h))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("at-edge", 1, "past-edge", 0));
        }
    }

    @Test
    void aClickBeforeOrAtTheImpressionOrOfAnotherItemOrUserDoesNotCount() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(click(T - 1)); // before
            h.processElement(click(T)); // same instant: not after
            h.processElement(impression("imp", T));
            h.processElement(event("other-item", "click", "u1", "i2", T + MIN));
            h.processElement(event("other-user", "click", "u2", "i1", T + MIN));
            h.processElement(event("buy", "purchase", "u1", "i1", T + MIN));
            h.processWatermark(new Watermark(T + WINDOW));

            assertThat(labels(h)).containsExactlyEntriesOf(Map.of("imp", 0));
        }
    }

    @Test
    void aRowIsEmittedOnlyOnceTheWatermarkHasClosedItsWindow() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(impression("imp", T));
            h.processWatermark(new Watermark(T + WINDOW - 1));
            assertThat(h.extractOutputValues()).isEmpty();

            h.processElement(click(T + WINDOW - 1));
            h.processWatermark(new Watermark(T + WINDOW));
            assertThat(labels(h)).containsExactlyEntriesOf(Map.of("imp", 1));
        }
    }

    @Test
    void impressionsAtTheSameInstantAreRowsEachAndCarryTheirContext() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(impression("a", T));
            h.processElement(impression("b", T));
            h.processElement(click(T + 5 * MIN));
            h.processWatermark(new Watermark(T + WINDOW));

            assertThat(labels(h)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 1));
            TrainingExample a = h.extractOutputValues().get(0);
            assertThat(a.userId).isEqualTo("u1");
            assertThat(a.itemId).isEqualTo("i1");
            assertThat(a.eventTime).isEqualTo(T);
            assertThat(a.country).isEqualTo("DE");
            assertThat(a.device).isEqualTo("web");
        }
    }

    @Test
    void pendingImpressionsAndClicksSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(impression("before-restore", T));
            h.processElement(click(T + MIN));
            h.processElement(impression("late-window", T + 20 * MIN));
            snapshot = h.snapshot(1, 10);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(click(T + 45 * MIN));
            restored.processWatermark(new Watermark(T + 3 * WINDOW));
            assertThat(labels(restored))
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("before-restore", 1, "late-window", 1));
            // every timer fired and cleaned its state: nothing is left behind
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }
}
