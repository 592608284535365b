package io.lakestream.connectors.lake;

import io.lakestream.connectors.lake.internal.PartitionPublisher;
import io.lakestream.connectors.lake.internal.PartitionSwap;
import java.io.IOException;

/**
 * Completes a lake table after its bounded job has finished successfully: publishes every partition
 * the job wrote (manifest, {@code _SUCCESS}) and, for a backfill, swaps the staged partitions in
 * place of the run's date range.
 *
 * <p>Why outside the job: Flink hands the files of a bounded stream's final checkpoint to the
 * committer only after the job's operators have seen the end of their input (FLINK-38614), and a
 * backfill must swap all its tables' partitions only once every file is committed. Both are known
 * for certain only when the job has finished; the driver then calls {@link #finish}.
 *
 * <p>With {@code compactOnPublish} each partition is compacted right after it is published (a
 * backfill's in its staging folder, so the swap brings in compacted partitions).
 *
 * <pre>{@code
 * env.execute();
 * for (LakeSinkConfig sink : sinks) LakeFinalizer.finish(sink);
 * }</pre>
 */
public final class LakeFinalizer {

    private LakeFinalizer() {}

    /** Returns the number of partitions published. */
    public static int finish(LakeSinkConfig config) throws IOException {
        int published = new PartitionPublisher(config).publishAll();
        if (config.sinkMode() == SinkMode.OVERWRITE) {
            new PartitionSwap(config).swapRange();
        }
        return published;
    }
}
