package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.skew.HotKeyDetector;
import io.lakestream.pipelines.skew.HotKeyFlags;
import io.lakestream.pipelines.skew.SaltedKey;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each event into its user's activity of its day, under sub-key 0, or, for a user this
 * subtask's {@link HotKeyDetector} flags, under a salt of the event's id: {@link
 * DayActivityPartials} then counts a hot user's day on many subtasks, and the partial counts add up
 * wherever an event went, so no flag needs to agree with another.
 */
public final class DayActivityRouter extends ProcessFunction<Event, UserDayActivity> {

    private static final long serialVersionUID = 1L;

    private final boolean salting;
    private transient HotKeyDetector detector;
    private transient HotKeyFlags flags;

    /**
     * @param salting false: every user's events are counted under sub-key 0
     */
    public DayActivityRouter(boolean salting) {
        this.salting = salting;
    }

    @Override
    public void open(OpenContext ctx) {
        detector =
                new HotKeyDetector(getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        flags = HotKeyFlags.register(getRuntimeContext(), DayActivityPartials.STAGE);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<UserDayActivity> out) {
        int salt = 0;
        if (salting) {
            HotKeyDetector.Heat heat = detector.observe(e.userId);
            if (heat == HotKeyDetector.Heat.NEWLY_HOT) {
                flags.flagged();
            }
            if (heat != HotKeyDetector.Heat.COLD) {
                salt = SaltedKey.salt(e.eventId);
            }
        }
        DayActivity one = new DayActivity();
        one.add(e);
        out.collect(new UserDayActivity(e.userId, PriorDaysActivity.dayStart(e.ts), salt, one));
    }
}
