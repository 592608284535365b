package io.lakestream.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.LateEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The late-data rule at the operator: late means event time at or below the watermark. */
class LateEventSplitterTest {

    private static Event event(String id, long ts) {
        Event e = new Event();
        e.eventId = id;
        e.ts = ts;
        return e;
    }

    @Test
    void splitsOnTheWatermarkAndRecordsTheWatermarkMet() throws Exception {
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new LateEventSplitter()))) {
            h.open();
            h.processElement(new StreamRecord<>(event("before-any-watermark", 5), 5));
            h.processWatermark(100);
            h.processElement(new StreamRecord<>(event("below", 99), 99));
            h.processElement(new StreamRecord<>(event("at", 100), 100));
            h.processElement(new StreamRecord<>(event("above", 101), 101));

            List<String> onTime = new ArrayList<>();
            h.extractOutputValues().forEach(e -> onTime.add(e.eventId));
            assertThat(onTime).containsExactly("before-any-watermark", "above");

            List<String> late = new ArrayList<>();
            for (StreamRecord<LateEvent> r : h.getSideOutput(LateEventSplitter.LATE)) {
                late.add(r.getValue().event.eventId + "@" + r.getValue().watermark);
            }
            assertThat(late).containsExactly("below@100", "at@100");
        }
    }
}
