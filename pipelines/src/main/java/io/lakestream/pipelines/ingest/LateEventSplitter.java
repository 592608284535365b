package io.lakestream.pipelines.ingest;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.LateEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The late-data rule (DESIGN.md): an event whose time is at or below the current watermark when it
 * arrives is late. Late events go to a side output (the {@code _late_events} table) and every table
 * is computed from the on-time events only, so a partition is final once the watermark passes its
 * end. "At or below" follows Flink's own meaning of a watermark (no more elements with timestamp ≤
 * it), so no downstream window ever drops an event this operator let through. In BATCH mode the
 * watermark stays at its minimum until the end of input: a backfill has no late events.
 */
public final class LateEventSplitter extends ProcessFunction<Event, Event> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<LateEvent> LATE = new OutputTag<>("late-events") {};

    private transient RunCounter late;

    @Override
    public void open(OpenContext ctx) {
        late = RunCounter.register(getRuntimeContext(), RunCounter.LATE);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) {
        if (e.ts <= e.watermarkAtArrival) {
            late.inc();
            ctx.output(LATE, new LateEvent(e, e.watermarkAtArrival));
        } else {
            out.collect(e);
        }
    }
}
