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
 *
 * <p>With a {@link QuarantineRateLimit}, it also counts the quarantined records among the last
 * records it routed, and fails the job with a {@link QuarantineRateExceededException} on the one
 * that crosses the limit. The window is per subtask (source reader) and not checkpointed: after a
 * restore it starts empty, which can only delay a stop by less than one window.
 */
public final class RecordRouter extends ProcessFunction<DecodedRecord, Event> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<QuarantineRecord> QUARANTINE = new OutputTag<>("quarantine") {};

    private final long eventsFromMillis;
    private final long fromMillis;
    private final long toMillis;
    private final long eventsToMillis;
    private final QuarantineRateLimit limit;
    private transient QuarantineWindow window;
    private transient RunCounter validEvents;
    private transient RunCounter quarantined;

    /** Keeps records with times in {@code [fromMillis, toMillis)}. */
    public RecordRouter(long fromMillis, long toMillis) {
        this(fromMillis, toMillis, QuarantineRateLimit.off());
    }

    /** Keeps records with times in {@code [fromMillis, toMillis)}, stopping above {@code limit}. */
    public RecordRouter(long fromMillis, long toMillis, QuarantineRateLimit limit) {
        this(fromMillis, toMillis, toMillis, limit);
    }

    /**
     * As {@link #RecordRouter(long, long, QuarantineRateLimit)}, but keeps events up to {@code
     * eventsToMillis} (at least {@code toMillis}): a backfill's horizon, read to complete rows of
     * its range (see {@code Pipeline#horizon()}). Quarantined records keep {@code toMillis}.
     */
    public RecordRouter(
            long fromMillis, long toMillis, long eventsToMillis, QuarantineRateLimit limit) {
        this(fromMillis, fromMillis, toMillis, eventsToMillis, limit);
    }

    /**
     * As {@link #RecordRouter(long, long, long, QuarantineRateLimit)}, and keeps events from {@code
     * eventsFromMillis} (at most {@code fromMillis}): a backfill's history, read to complete rows
     * of its range (see {@code Pipeline#history()}). Only the events of the range are counted as
     * the run's valid events; quarantined records keep {@code [fromMillis, toMillis)}.
     */
    public RecordRouter(
            long eventsFromMillis,
            long fromMillis,
            long toMillis,
            long eventsToMillis,
            QuarantineRateLimit limit) {
        if (eventsToMillis < toMillis) {
            throw new IllegalArgumentException("eventsToMillis must not be before toMillis");
        }
        if (eventsFromMillis > fromMillis) {
            throw new IllegalArgumentException("eventsFromMillis must not be after fromMillis");
        }
        this.eventsFromMillis = eventsFromMillis;
        this.fromMillis = fromMillis;
        this.toMillis = toMillis;
        this.eventsToMillis = eventsToMillis;
        this.limit = limit;
    }

    public static RecordRouter unbounded() {
        return unbounded(QuarantineRateLimit.off());
    }

    public static RecordRouter unbounded(QuarantineRateLimit limit) {
        return new RecordRouter(Long.MIN_VALUE, Long.MAX_VALUE, limit);
    }

    @Override
    public void open(OpenContext ctx) {
        validEvents = RunCounter.register(getRuntimeContext(), RunCounter.VALID);
        quarantined = RunCounter.register(getRuntimeContext(), RunCounter.QUARANTINED);
        RunCounter.registerAttempt(getRuntimeContext());
        window = limit.isOff() ? null : new QuarantineWindow(limit.window());
    }

    @Override
    public void processElement(DecodedRecord r, Context ctx, Collector<Event> out) {
        if (r.event != null) {
            if (r.event.ts >= eventsFromMillis && r.event.ts < eventsToMillis) {
                r.event.watermarkAtArrival = ctx.timerService().currentWatermark();
                count(false, null);
                if (inRange(r.event.ts)) {
                    validEvents.inc();
                }
                out.collect(r.event);
            }
        } else if (inRange(r.quarantine.arrival)) {
            count(true, r.quarantine);
            quarantined.inc();
            ctx.output(QUARANTINE, r.quarantine);
        }
    }

    /** Throws, before the record is emitted, if it makes the window cross the limit. */
    private void count(boolean isQuarantined, QuarantineRecord q) {
        if (window == null) {
            return;
        }
        long bad = window.add(isQuarantined);
        if (isQuarantined && bad > limit.allowed()) {
            throw new QuarantineRateExceededException(q, bad, window.records(), limit);
        }
    }

    private boolean inRange(long t) {
        return t >= fromMillis && t < toMillis;
    }
}
