package io.lakestream.pipelines.ingest;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * One count of a run — events read, quarantined, duplicates dropped, late — kept both as a Flink
 * metric (live, in the web UI and metric reporters) and as an accumulator (in the job's result, for
 * the run's summary line). After a restart the accumulator counts the last attempt only.
 */
public final class RunCounter {

    public static final String VALID = "valid_events";
    public static final String QUARANTINED = "quarantined_records";
    public static final String DUPLICATES = "duplicate_events";
    public static final String LATE = "late_events";

    private final Counter metric;
    private final LongCounter accumulator = new LongCounter();

    private RunCounter(RuntimeContext ctx, String name) {
        this.metric = ctx.getMetricGroup().counter(name);
        ctx.addAccumulator(name, accumulator);
    }

    public static RunCounter register(RuntimeContext ctx, String name) {
        return new RunCounter(ctx, name);
    }

    public void inc() {
        metric.inc();
        accumulator.add(1L);
    }
}
