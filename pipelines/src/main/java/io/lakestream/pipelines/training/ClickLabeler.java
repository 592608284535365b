package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventType;
import io.lakestream.pipelines.model.TrainingExample;
import io.lakestream.pipelines.skew.SubtaskLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Labels impressions, keyed by (user, item): an impression at {@code t} gets label 1 if the same
 * user clicked the same item at a time in {@code (t, t + window]} (event time), else 0.
 *
 * <p>An event-time interval join would emit the matches only; this function keeps the impressions
 * and the clicks of its key in state and decides at an event-time timer at {@code t + window}, so
 * label-0 rows exist too. The timer fires once the watermark has passed {@code t + window}: every
 * on-time click that can count has arrived by then (a click at exactly {@code t + window} is on
 * time only if it arrived before the watermark reached it), so a row's label is final when it is
 * emitted. A click is kept until {@code c + window}, after which no impression can still need it.
 * In a backfill (BATCH), the timers of a key fire in time order at the end of the key's input.
 *
 * <p>Output rows carry the timer's time as their timestamp; {@link LabelWindowShift} turns them
 * back to impression time.
 */
public final class ClickLabeler extends KeyedProcessFunction<String, Event, TrainingExample> {

    private static final long serialVersionUID = 1L;

    /** The stage's name in the run's load per subtask. */
    public static final String STAGE = "training_examples/label";

    private final long windowMs;
    private transient MapState<Long, List<TrainingExample>> impressions;
    private transient MapState<Long, Integer> clicks;
    private transient SubtaskLoad load;

    public ClickLabeler(Duration window) {
        this.windowMs = window.toMillis();
    }

    /** The key of an event: user and item, unambiguous for any ids. */
    public static String key(Event e) {
        return e.userId.length() + ":" + e.userId + e.itemId;
    }

    @Override
    public void open(OpenContext ctx) {
        impressions =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "impressions",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(TrainingExample.class))));
        clicks =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("clicks", Types.LONG, Types.INT));
        load = SubtaskLoad.register(getRuntimeContext(), STAGE);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<TrainingExample> out)
            throws Exception {
        load.count();
        if (EventType.IMPRESSION.equals(e.eventType)) {
            List<TrainingExample> at = impressions.get(e.ts);
            if (at == null) {
                at = new ArrayList<>(1);
            }
            at.add(TrainingExample.of(e));
            impressions.put(e.ts, at);
        } else if (EventType.CLICK.equals(e.eventType)) {
            Integer n = clicks.get(e.ts);
            clicks.put(e.ts, n == null ? 1 : n + 1);
        } else {
            return;
        }
        ctx.timerService().registerEventTimeTimer(e.ts + windowMs);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<TrainingExample> out)
            throws Exception {
        long impressionTs = time - windowMs;
        List<TrainingExample> due = impressions.get(impressionTs);
        if (due != null) {
            int label = clickedIn(impressionTs, time) ? 1 : 0;
            for (TrainingExample t : due) {
                t.label = label;
                out.collect(t);
            }
            impressions.remove(impressionTs);
        }
        // a click at c counts for impressions in [c - window, c): all of them have fired by now
        clicks.remove(impressionTs);
    }

    private boolean clickedIn(long afterExclusive, long untilInclusive) throws Exception {
        for (Map.Entry<Long, Integer> c : clicks.entries()) {
            if (c.getKey() > afterExclusive && c.getKey() <= untilInclusive) {
                return true;
            }
        }
        return false;
    }
}
