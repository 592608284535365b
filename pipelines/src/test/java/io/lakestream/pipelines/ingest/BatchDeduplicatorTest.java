package io.lakestream.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The backfill's dedup: first delivery per id, whether or not ids share a hash. */
class BatchDeduplicatorTest {

    private static List<String> dedup(KeySelector<Event, Long> key, List<String> deliveries)
            throws Exception {
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new BatchDeduplicator()), key, Types.LONG)) {
            h.open();
            long ts = 0;
            for (String id : deliveries) {
                Event e = new Event();
                e.eventId = id;
                e.ts = ++ts;
                h.processElement(new StreamRecord<>(e, ts));
            }
            List<String> kept = new ArrayList<>();
            for (Event e : h.extractOutputValues()) {
                kept.add(e.eventId);
            }
            return kept;
        }
    }

    private static final List<String> DELIVERIES =
            List.of("a", "b", "a", "c", "b", "b", "d", "a", "e", "c");

    /** The oracle: the first delivery of each id, in arrival order. */
    private static List<String> firstDeliveries(List<String> deliveries) {
        Set<String> seen = new HashSet<>();
        List<String> first = new ArrayList<>();
        for (String id : deliveries) {
            if (seen.add(id)) {
                first.add(id);
            }
        }
        return first;
    }

    @Test
    void keepsTheFirstDeliveryOfEachId() throws Exception {
        assertThat(dedup(e -> EventIdKey.of(e.eventId), DELIVERIES))
                .containsExactlyElementsOf(firstDeliveries(DELIVERIES));
    }

    @Test
    void tellsApartIdsThatShareAHash() throws Exception {
        // every id on one key: the worst case of hash collisions
        assertThat(dedup(e -> 0L, DELIVERIES))
                .containsExactlyElementsOf(firstDeliveries(DELIVERIES));
    }

    @Test
    void theKeyDependsOnEveryCharacterOfTheId() {
        // ids that differ only after the 16-byte prefix a string sort would compare first
        Set<Long> keys = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(EventIdKey.of("e-0123456789ab-" + i));
        }
        assertThat(keys).hasSize(10_000);
    }
}
