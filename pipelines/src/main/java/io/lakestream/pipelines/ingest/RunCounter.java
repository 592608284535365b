package io.lakestream.pipelines.ingest;

import org.apache.flink.api.common.accumulators.IntMaximum;
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

    /**
     * Restarts of the run's reading tasks: the highest attempt number of the router's tasks (an
     * accumulator only; Flink's {@code numRestarts} metric is the live figure). In a stream the
     * whole job is one failover region, so this counts every restart.
     */
    public static final String RESTARTS = "restarts";

    private final Counter metric;
    private final LongCounter accumulator = new LongCounter();

    private RunCounter(RuntimeContext ctx, String name) {
        this.metric = ctx.getMetricGroup().counter(name);
        ctx.addAccumulator(name, accumulator);
    }

    public static RunCounter register(RuntimeContext ctx, String name) {
        return new RunCounter(ctx, name);
    }

    /** Records this task's attempt number (0 on the first run) in {@link #RESTARTS}. */
    public static void registerAttempt(RuntimeContext ctx) {
        IntMaximum attempt = new IntMaximum(ctx.getTaskInfo().getAttemptNumber());
        ctx.addAccumulator(RESTARTS, attempt);
    }

    public void inc() {
        metric.inc();
        accumulator.add(1L);
    }
}
