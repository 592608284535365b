package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.ProfileVersion;
import io.lakestream.pipelines.model.TrainingExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * {@link ProfileAsOf} for the examples of hot users ({@link HotUserJoin}): the user's examples are
 * spread over many subtasks, and the user's versions, sent by its home {@link ProfileAsOf} once it
 * is hot, are broadcast to all of them. An example gets the version in force at its time.
 *
 * <p>The broadcast state keeps, per hot user, the version in force at the watermark and the later
 * ones (older ones no example can still need); in a backfill (BATCH) the watermark only moves at
 * the end and every version of a hot user is kept, a few per user.
 */
public final class HotProfileAsOf extends HotUserJoin<ProfileVersion> {

    private static final long serialVersionUID = 1L;

    /** Versions of hot users by {@code "<ts>:<user>"}. */
    public static final MapStateDescriptor<String, ProfileVersion> VERSIONS =
            new MapStateDescriptor<>(
                    "hot-user-profile-versions",
                    Types.STRING,
                    TypeInformation.of(ProfileVersion.class));

    public HotProfileAsOf() {
        super(ProfileAsOf.STAGE);
    }

    @Override
    void keep(ProfileVersion v, Context ctx) throws Exception {
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
    void complete(TrainingExample e, OnTimerContext ctx) throws Exception {
        ReadOnlyBroadcastState<String, ProfileVersion> state = ctx.getBroadcastState(VERSIONS);
        ProfileAsOf.apply(
                e,
                ProfileAsOf.inForce(
                        versionsOf(state.immutableEntries(), e.userId), ctx.timestamp()));
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
