package io.lakestream.pipelines.ingest;

import io.lakestream.pipelines.model.ProfileVersion;
import io.lakestream.pipelines.model.QuarantineRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends the valid versions of the {@code users} changelog on, and its broken records to the
 * quarantine side output. All valid versions pass whatever the run's range (a point-in-time join
 * needs the versions from before it); quarantined records only with an arrival time in the range,
 * like the events topic's (a backfill replaces exactly its dates of {@code _quarantine}).
 */
public final class ProfileRouter extends ProcessFunction<ProfileVersion, ProfileVersion> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<QuarantineRecord> QUARANTINE =
            new OutputTag<>("users-quarantine") {};

    private final long fromMillis;
    private final long toMillis;

    /** Quarantines the broken records that arrived in {@code [fromMillis, toMillis)}. */
    public ProfileRouter(long fromMillis, long toMillis) {
        this.fromMillis = fromMillis;
        this.toMillis = toMillis;
    }

    @Override
    public void processElement(ProfileVersion v, Context ctx, Collector<ProfileVersion> out) {
        if (v.quarantine == null) {
            out.collect(v);
        } else if (v.quarantine.arrival >= fromMillis && v.quarantine.arrival < toMillis) {
            ctx.output(QUARANTINE, v.quarantine);
        }
    }
}
