package io.lakestream.job.lineage;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The OpenLineage run id of a Lakestream run. OpenLineage requires a UUID while Lakestream's run
 * ids are readable strings (they name staging folders and appear in manifests), so the UUID is
 * derived from the run id by name ({@link UUID#nameUUIDFromBytes}): the same run always gets the
 * same UUID, in every process that emits for it, and the readable id travels as the {@code
 * lakestream_run} run facet.
 */
public final class LineageRunId {

    private LineageRunId() {}

    public static UUID of(String runId) {
        return UUID.nameUUIDFromBytes(("lakestream-run:" + runId).getBytes(StandardCharsets.UTF_8));
    }
}
