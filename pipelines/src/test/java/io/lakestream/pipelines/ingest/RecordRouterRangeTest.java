package io.lakestream.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.pipelines.model.DecodedRecord;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.QuarantineRecord;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A backfill's router keeps the events of its history and horizon for the pipelines that complete
 * rows with them, but quarantined records only of its range: a backfill must not write a {@code
 * _quarantine} date outside it.
 */
class RecordRouterRangeTest {

    private static final long FROM = 1_000_000L;
    private static final long TO = 2_000_000L;

    private static StreamRecord<DecodedRecord> event(String id, long ts) {
        Event e = new Event();
        e.eventId = id;
        e.userId = "u1";
        e.itemId = "i1";
        e.eventType = "click";
        e.ts = ts;
        return new StreamRecord<>(DecodedRecord.valid(e), ts);
    }

    private static StreamRecord<DecodedRecord> broken(String reason, long arrival) {
        QuarantineRecord q = new QuarantineRecord();
        q.reason = reason;
        q.arrival = arrival;
        return new StreamRecord<>(DecodedRecord.invalid(q), arrival);
    }

    @Test
    void keepsHistoryAndHorizonEventsButQuarantinesOnlyTheRange() throws Exception {
        RecordRouter router =
                new RecordRouter(FROM - 500, FROM, TO, TO + 100, QuarantineRateLimit.off());
        try (var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(router))) {
            h.open();
            h.processElement(event("before-history", FROM - 501));
            h.processElement(event("history-start", FROM - 500));
            h.processElement(event("range", FROM));
            h.processElement(event("horizon", TO + 99));
            h.processElement(event("after-horizon", TO + 100));
            h.processElement(broken("in-history", FROM - 1));
            h.processElement(broken("in-range", FROM));
            h.processElement(broken("in-horizon", TO));

            assertThat(h.extractOutputValues())
                    .extracting(e -> e.eventId)
                    .containsExactly("history-start", "range", "horizon");
            assertThat(h.getSideOutput(RecordRouter.QUARANTINE))
                    .extracting(r -> r.getValue().reason)
                    .containsExactly("in-range");
        }
    }

    @Test
    void aHistoryMustNotStartAfterTheRange() {
        assertThatThrownBy(
                        () -> new RecordRouter(FROM + 1, FROM, TO, TO, QuarantineRateLimit.off()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventsFromMillis");
    }
}
