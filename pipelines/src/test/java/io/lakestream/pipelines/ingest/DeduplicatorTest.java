package io.lakestream.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** Dedup through Flink's operator harness, across a snapshot and a restore. */
class DeduplicatorTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Deduplicator(Duration.ofDays(2), 0, 0)),
                e -> e.eventId,
                Types.STRING);
    }

    private static Event event(String id, long ts) {
        Event e = new Event();
        e.eventId = id;
        e.userId = "u";
        e.itemId = "i";
        e.eventType = "click";
        e.ts = ts;
        return e;
    }

    private static List<String> ids(
            KeyedOneInputStreamOperatorTestHarness<String, Event, Event> h) {
        List<String> ids = new ArrayList<>();
        for (Event e : h.extractOutputValues()) {
            ids.add(e.eventId);
        }
        return ids;
    }

    @Test
    void keepsTheFirstDeliveryOfEachEventAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(event("a", 1), 1));
            h.processElement(new StreamRecord<>(event("b", 2), 2));
            h.processElement(new StreamRecord<>(event("a", 1), 3));
            assertThat(ids(h)).containsExactly("a", "b");
            snapshot = h.snapshot(1, 10);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(new StreamRecord<>(event("b", 2), 4));
            restored.processElement(new StreamRecord<>(event("c", 5), 5));
            restored.processElement(new StreamRecord<>(event("a", 1), 6));
            restored.processElement(new StreamRecord<>(event("c", 5), 7));
            // a and b were seen before the snapshot: only c is new
            assertThat(ids(restored)).containsExactly("c");
        }
    }

    @Test
    void withABloomFrontNothingIsDroppedByAFalsePositiveAcrossARestore() throws Exception {
        // a tiny, overfull filter: most lookups are false positives, confirmed by the exact state
        // cloned as Flink ships a function to its task (serialized): runtime state must survive
        java.util.function.Supplier<Deduplicator> dedup =
                () -> {
                    try {
                        return InstantiationUtil.clone(
                                new Deduplicator(Duration.ofDays(2), 50, 0.2));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
        java.util.Random random = new java.util.Random(42);
        List<String> deliveries = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            String id = "e" + random.nextInt(2_500);
            deliveries.add(id);
        }
        // oracle: the first delivery of each id, in order
        List<String> expected = new ArrayList<>(new java.util.LinkedHashSet<>(deliveries));

        List<String> out = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(dedup.get()),
                        (Event e) -> e.eventId,
                        Types.STRING)) {
            h.open();
            for (String id : deliveries.subList(0, 2_000)) {
                h.processElement(new StreamRecord<>(event(id, 1_000), 1_000));
            }
            out.addAll(ids(h));
            snapshot = h.snapshot(1, 10);
        }
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(dedup.get()),
                        (Event e) -> e.eventId,
                        Types.STRING)) {
            h.initializeState(snapshot);
            h.open();
            for (String id : deliveries.subList(2_000, deliveries.size())) {
                h.processElement(new StreamRecord<>(event(id, 1_000), 1_000));
            }
            out.addAll(ids(h));
        }
        assertThat(out).containsExactlyElementsOf(expected);
    }

    @Test
    void theBloomFrontIsInTheCheckpoint() throws Exception {
        Deduplicator shipped =
                InstantiationUtil.clone(new Deduplicator(Duration.ofDays(2), 10_000, 0.01));
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(shipped),
                        (Event e) -> e.eventId,
                        Types.STRING)) {
            h.open();
            h.processElement(new StreamRecord<>(event("a", 1_000), 1_000));
            OperatorSubtaskState snapshot = h.snapshot(1, 10);
            // one date's filter for 10,000 ids at 1 %: about 12 KB of operator state
            long bytes =
                    snapshot.getManagedOperatorState().stream()
                            .mapToLong(s -> s.getStateSize())
                            .sum();
            assertThat(bytes).isGreaterThan(10_000);
        }
    }
}
