package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.TrainingExample;
import io.lakestream.pipelines.skew.SubtaskLoad;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The salted path's join of a hot user's examples, keyed by salted user ({@code SaltedKey}), with
 * what the user's home broadcasts ({@code B}): an example waits in keyed state for the watermark to
 * pass its own time, by which time the broadcast holds everything of the user up to that time (see
 * {@link HotUserRouter}); then {@link #complete} fills it in from the broadcast state. The records
 * of both inputs count in the stage's load per subtask, with the home's.
 */
abstract class HotUserJoin<B>
        extends KeyedBroadcastProcessFunction<String, TrainingExample, B, TrainingExample> {

    private static final long serialVersionUID = 1L;

    private final String stage;
    private transient WaitingExamples waiting;
    private transient SubtaskLoad load;

    HotUserJoin(String stage) {
        this.stage = stage;
    }

    @Override
    public void open(OpenContext ctx) {
        waiting = WaitingExamples.in(getRuntimeContext(), "waiting-examples");
        load = SubtaskLoad.register(getRuntimeContext(), stage);
    }

    @Override
    public final void processElement(
            TrainingExample e, ReadOnlyContext ctx, Collector<TrainingExample> out)
            throws Exception {
        load.count();
        waiting.add(e.eventTime, e);
        ctx.timerService().registerEventTimeTimer(e.eventTime);
    }

    @Override
    public final void processBroadcastElement(B b, Context ctx, Collector<TrainingExample> out)
            throws Exception {
        load.count();
        keep(b, ctx);
    }

    @Override
    public final void onTimer(long time, OnTimerContext ctx, Collector<TrainingExample> out)
            throws Exception {
        for (TrainingExample e : waiting.take(time)) {
            complete(e, ctx);
            out.collect(e);
        }
    }

    /** Adds what the home sent to the broadcast state (and drops what no example can need). */
    abstract void keep(B b, Context ctx) throws Exception;

    /** Fills in {@code e}, whose time the watermark has passed, from the broadcast state. */
    abstract void complete(TrainingExample e, OnTimerContext ctx) throws Exception;
}
