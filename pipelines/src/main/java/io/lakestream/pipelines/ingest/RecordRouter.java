package io.lakestream.pipelines.ingest;

import io.lakestream.pipelines.model.DecodedRecord;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.QuarantineRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends valid events on and quarantined records to a side output, keeping only those inside the
 * run's range: a backfill reads a wider ingestion window than its dates (max-delay before, lookback
 * after) and keeps the events whose event time, and the quarantined records whose arrival time,
 * fall within its dates. A stream's range is unbounded.
 */
public final class RecordRouter extends ProcessFunction<DecodedRecord, Event> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<QuarantineRecord> QUARANTINE = new OutputTag<>("quarantine") {};

    private final long fromMillis;
    private final long toMillis;
    private transient RunCounter validEvents;
    private transient RunCounter quarantined;

    /** Keeps records with times in {@code [fromMillis, toMillis)}. */
    public RecordRouter(long fromMillis, long toMillis) {
        this.fromMillis = fromMillis;
        this.toMillis = toMillis;
    }

    public static RecordRouter unbounded() {
        return new RecordRouter(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public void open(OpenContext ctx) {
        validEvents = RunCounter.register(getRuntimeContext(), RunCounter.VALID);
        quarantined = RunCounter.register(getRuntimeContext(), RunCounter.QUARANTINED);
    }

    @Override
    public void processElement(DecodedRecord r, Context ctx, Collector<Event> out) {
        if (r.event != null) {
            if (inRange(r.event.ts)) {
                r.event.watermarkAtArrival = ctx.timerService().currentWatermark();
                validEvents.inc();
                out.collect(r.event);
            }
        } else if (inRange(r.quarantine.arrival)) {
            quarantined.inc();
            ctx.output(QUARANTINE, r.quarantine);
        }
    }

    private boolean inRange(long t) {
        return t >= fromMillis && t < toMillis;
    }
}
