package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.TrainingExample;
import io.lakestream.pipelines.skew.HotKeyDetector;
import io.lakestream.pipelines.skew.HotKeyFlags;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends the examples of hot users to the salted path ({@link #HOT}, keyed by {@code SaltedKey}) and
 * the others on, to the operators keyed by user. A user is hot when this subtask's {@link
 * HotKeyDetector} flags it; with salting off, no user is.
 *
 * <p>Before the first salted example of a user it sends a {@link
 * TrainingExample#hotUserMarker(String) marker} on the main output: the user's home operators
 * ({@link ProfileAsOf}, {@link PriorDaysActivity}) then broadcast what they know of the user, and
 * every later change, to the salted operators. The marker precedes the example, and the watermark
 * that follows both, so the broadcast reaches the salted operators before the watermark that fires
 * the example (in a backfill, broadcast inputs are read first).
 */
public final class HotUserRouter extends ProcessFunction<TrainingExample, TrainingExample> {

    private static final long serialVersionUID = 1L;

    /** The stage's name in the run's hot keys. */
    public static final String STAGE = "training_examples/examples";

    /** The examples of hot users. */
    public static final OutputTag<TrainingExample> HOT = new OutputTag<>("hot-user-examples") {};

    private final boolean salting;
    private transient HotKeyDetector detector;
    private transient HotKeyFlags flags;

    /**
     * @param salting false: every example goes to the operators keyed by user
     */
    public HotUserRouter(boolean salting) {
        this.salting = salting;
    }

    @Override
    public void open(OpenContext ctx) {
        detector =
                new HotKeyDetector(getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        flags = HotKeyFlags.register(getRuntimeContext(), STAGE);
    }

    @Override
    public void processElement(TrainingExample e, Context ctx, Collector<TrainingExample> out) {
        if (!salting) {
            out.collect(e);
            return;
        }
        switch (detector.observe(e.userId)) {
            case COLD -> out.collect(e);
            case NEWLY_HOT -> {
                flags.flagged();
                out.collect(TrainingExample.hotUserMarker(e.userId));
                ctx.output(HOT, e);
            }
            case HOT -> ctx.output(HOT, e);
        }
    }
}
