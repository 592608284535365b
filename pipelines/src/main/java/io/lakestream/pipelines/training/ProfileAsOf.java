package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.ProfileVersion;
import io.lakestream.pipelines.model.TrainingExample;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The event-time temporal join of examples with the {@code users} changelog, keyed by user: an
 * example at {@code t} gets the profile version with the latest {@code ts <= t} (none: null profile
 * columns). Never a later version, so no example sees the future.
 *
 * <p>Examples wait in state for an event-time timer at their own time: it fires once the watermark
 * of both inputs has passed {@code t}, i.e. once every version up to {@code t} has been read (the
 * changelog is ordered by time per Kafka partition; a version that arrives behind the watermark
 * applies from then on). In a backfill (BATCH) a key's timers fire after all its versions are in.
 * Versions older than the one in force at the latest fired time are dropped: later examples have
 * later times (the upstream watermark is held back to impression time, see {@link
 * LabelWindowShift}).
 */
public final class ProfileAsOf
        extends KeyedCoProcessFunction<String, TrainingExample, ProfileVersion, TrainingExample> {

    private static final long serialVersionUID = 1L;

    private transient MapState<Long, List<TrainingExample>> waiting;
    private transient MapState<Long, ProfileVersion> versions;

    @Override
    public void open(OpenContext ctx) {
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "waiting-examples",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(TrainingExample.class))));
        versions =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "profile-versions",
                                        Types.LONG,
                                        TypeInformation.of(ProfileVersion.class)));
    }

    @Override
    public void processElement1(TrainingExample e, Context ctx, Collector<TrainingExample> out)
            throws Exception {
        List<TrainingExample> at = waiting.get(e.eventTime);
        if (at == null) {
            at = new ArrayList<>(1);
        }
        at.add(e.copy()); // jobs run with object reuse
        waiting.put(e.eventTime, at);
        ctx.timerService().registerEventTimeTimer(e.eventTime);
    }

    @Override
    public void processElement2(ProfileVersion v, Context ctx, Collector<TrainingExample> out)
            throws Exception {
        versions.put(v.ts, v.copy());
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<TrainingExample> out)
            throws Exception {
        ProfileVersion inForce = null;
        for (ProfileVersion v : versions.values()) {
            if (v.ts <= time && (inForce == null || v.ts > inForce.ts)) {
                inForce = v;
            }
        }
        List<TrainingExample> due = waiting.get(time);
        if (due != null) {
            for (TrainingExample e : due) {
                if (inForce != null) {
                    e.profileTime = inForce.ts;
                    e.profileCountry = inForce.country;
                    e.profileAge = inForce.age;
                    e.profileTier = inForce.tier;
                }
                out.collect(e);
            }
            waiting.remove(time);
        }
        if (inForce != null) {
            for (Iterator<Map.Entry<Long, ProfileVersion>> it = versions.iterator();
                    it.hasNext(); ) {
                if (it.next().getKey() < inForce.ts) {
                    it.remove();
                }
            }
        }
    }
}
