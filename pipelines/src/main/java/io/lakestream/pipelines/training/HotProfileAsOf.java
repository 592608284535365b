package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.ProfileVersion;
import io.lakestream.pipelines.model.TrainingExample;
import io.lakestream.pipelines.skew.SubtaskLoad;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link ProfileAsOf} for the examples of hot users, keyed by salted user ({@code SaltedKey}): the
 * user's examples are spread over many subtasks, and the user's versions, sent by its home {@link
 * ProfileAsOf} once it is hot, are broadcast to all of them. An example waits for the watermark to
 * pass its time, as at home; by then the broadcast holds every version up to that time (see {@link
 * HotUserRouter}).
 *
 * <p>The broadcast state keeps, per hot user, the version in force at the watermark and the later
 * ones (older ones no example can still need); in a backfill (BATCH) the watermark only moves at
 * the end and every version of a hot user is kept, a few per user.
 */
public final class HotProfileAsOf
        extends KeyedBroadcastProcessFunction<
                String, TrainingExample, ProfileVersion, TrainingExample> {

    private static final long serialVersionUID = 1L;

    /** Versions of hot users by {@code "<ts>:<user>"}. */
    public static final MapStateDescriptor<String, ProfileVersion> VERSIONS =
            new MapStateDescriptor<>(
                    "hot-user-profile-versions",
                    Types.STRING,
                    TypeInformation.of(ProfileVersion.class));

    private transient WaitingExamples waiting;
    private transient SubtaskLoad load;

    @Override
    public void open(OpenContext ctx) {
        waiting = WaitingExamples.in(getRuntimeContext(), "waiting-examples");
        load = SubtaskLoad.register(getRuntimeContext(), ProfileAsOf.STAGE);
    }

    @Override
    public void processElement(
            TrainingExample e, ReadOnlyContext ctx, Collector<TrainingExample> out)
            throws Exception {
        load.count();
        waiting.add(e.eventTime, e);
        ctx.timerService().registerEventTimeTimer(e.eventTime);
    }

    @Override
    public void processBroadcastElement(
            ProfileVersion v, Context ctx, Collector<TrainingExample> out) throws Exception {
        load.count();
        BroadcastState<String, ProfileVersion> state = ctx.getBroadcastState(VERSIONS);
        state.put(v.ts + ":" + v.userId, v.copy());
        List<ProfileVersion> ofUser = versionsOf(state.immutableEntries(), v.userId);
        ProfileVersion inForce = ProfileAsOf.inForce(ofUser, ctx.currentWatermark());
        if (inForce != null) {
            for (ProfileVersion old : ofUser) {
                if (old.ts < inForce.ts) {
                    state.remove(old.ts + ":" + old.userId);
                }
            }
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<TrainingExample> out)
            throws Exception {
        ReadOnlyBroadcastState<String, ProfileVersion> state = ctx.getBroadcastState(VERSIONS);
        for (TrainingExample e : waiting.take(time)) {
            ProfileAsOf.apply(
                    e, ProfileAsOf.inForce(versionsOf(state.immutableEntries(), e.userId), time));
            out.collect(e);
        }
    }

    private static List<ProfileVersion> versionsOf(
            Iterable<Map.Entry<String, ProfileVersion>> entries, String userId) {
        List<ProfileVersion> ofUser = new ArrayList<>();
        for (Map.Entry<String, ProfileVersion> entry : entries) {
            if (entry.getValue().userId.equals(userId)) {
                ofUser.add(entry.getValue());
            }
        }
        return ofUser;
    }
}
