package io.lakestream.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.DecodedRecord;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.LateEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The late-data rule: the router stamps each event with the watermark it meets at the source; the
 * splitter calls it late when its time is at or below that watermark.
 */
class LateEventSplitterTest {

    private static DecodedRecord event(String id, long ts) {
        Event e = new Event();
        e.eventId = id;
        e.ts = ts;
        return DecodedRecord.valid(e);
    }

    @Test
    void judgesEachEventAgainstTheWatermarkItMetOnArrival() throws Exception {
        List<Event> routed = new ArrayList<>();
        try (var router =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(RecordRouter.unbounded()))) {
            router.open();
            router.processElement(new StreamRecord<>(event("before-any-watermark", 5), 5));
            router.processWatermark(100);
            router.processElement(new StreamRecord<>(event("below", 99), 99));
            router.processElement(new StreamRecord<>(event("at", 100), 100));
            router.processElement(new StreamRecord<>(event("above", 101), 101));
            router.processWatermark(200);
            router.processElement(new StreamRecord<>(event("above-again", 150), 150));
            routed.addAll(router.extractOutputValues());
        }
        try (var splitter =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new LateEventSplitter()))) {
            splitter.open();
            // the splitter's own watermark plays no part: it may lag the source's by any amount
            for (Event e : routed) {
                splitter.processElement(new StreamRecord<>(e, e.ts));
            }
            List<String> onTime = new ArrayList<>();
            splitter.extractOutputValues().forEach(e -> onTime.add(e.eventId));
            assertThat(onTime).containsExactly("before-any-watermark", "above");

            List<String> late = new ArrayList<>();
            for (StreamRecord<LateEvent> r : splitter.getSideOutput(LateEventSplitter.LATE)) {
                late.add(r.getValue().event.eventId + "@" + r.getValue().watermark);
            }
            assertThat(late).containsExactly("below@100", "at@100", "above-again@200");
        }
    }
}
