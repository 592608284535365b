package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.ProfileVersion;
import io.lakestream.pipelines.model.TrainingExample;
import io.lakestream.pipelines.skew.SubtaskLoad;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

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
 *
 * <p>This is the user's home: every version of the user arrives here. Once a {@link
 * TrainingExample#hotUserMarker(String) marker} says the user is hot, the versions it holds, and
 * every later one, also go to {@link #HOT_VERSIONS}, for {@link HotProfileAsOf} to join the user's
 * salted examples with; the marker goes on to {@link PriorDaysActivity}.
 */
public final class ProfileAsOf
        extends KeyedCoProcessFunction<String, TrainingExample, ProfileVersion, TrainingExample> {

    private static final long serialVersionUID = 1L;

    /** The stage's name in the run's load per subtask (with {@link HotProfileAsOf}). */
    public static final String STAGE = "training_examples/profile";

    /** The versions of hot users, for {@link HotProfileAsOf}. */
    public static final OutputTag<ProfileVersion> HOT_VERSIONS =
            new OutputTag<>("hot-user-profile-versions") {};

    private transient WaitingExamples waiting;
    private transient MapState<Long, ProfileVersion> versions;
    private transient ValueState<Boolean> hot;
    private transient SubtaskLoad load;

    @Override
    public void open(OpenContext ctx) {
        waiting = WaitingExamples.in(getRuntimeContext(), "waiting-examples");
        versions =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "profile-versions",
                                        Types.LONG,
                                        TypeInformation.of(ProfileVersion.class)));
        hot = getRuntimeContext().getState(new ValueStateDescriptor<>("hot-user", Types.BOOLEAN));
        load = SubtaskLoad.register(getRuntimeContext(), STAGE);
    }

    @Override
    public void processElement1(TrainingExample e, Context ctx, Collector<TrainingExample> out)
            throws Exception {
        load.count();
        if (e.isHotUserMarker()) {
            if (hot.value() == null) {
                hot.update(true);
                for (ProfileVersion v : versions.values()) {
                    ctx.output(HOT_VERSIONS, v);
                }
            }
            out.collect(e);
            return;
        }
        waiting.add(e.eventTime, e);
        ctx.timerService().registerEventTimeTimer(e.eventTime);
    }

    @Override
    public void processElement2(ProfileVersion v, Context ctx, Collector<TrainingExample> out)
            throws Exception {
        load.count();
        ProfileVersion kept = v.copy(); // jobs run with object reuse
        versions.put(v.ts, kept);
        if (hot.value() != null) {
            ctx.output(HOT_VERSIONS, kept);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<TrainingExample> out)
            throws Exception {
        ProfileVersion inForce = inForce(versions.values(), time);
        for (TrainingExample e : waiting.take(time)) {
            apply(e, inForce);
            out.collect(e);
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

    /** The version with the latest {@code ts <= time}, or null. */
    static ProfileVersion inForce(Iterable<ProfileVersion> versions, long time) {
        ProfileVersion inForce = null;
        for (ProfileVersion v : versions) {
            if (v.ts <= time && (inForce == null || v.ts > inForce.ts)) {
                inForce = v;
            }
        }
        return inForce;
    }

    /** Sets the profile columns of {@code e} from {@code v}; none (null) leaves them null. */
    static void apply(TrainingExample e, ProfileVersion v) {
        if (v != null) {
            e.profileTime = v.ts;
            e.profileCountry = v.country;
            e.profileAge = v.age;
            e.profileTier = v.tier;
        }
    }
}
