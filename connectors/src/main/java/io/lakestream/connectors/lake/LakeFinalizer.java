package io.lakestream.connectors.lake;

import io.lakestream.connectors.lake.internal.PartitionPublisher;
import io.lakestream.connectors.lake.internal.PartitionSwap;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Finishes every table of a run: publishes (and checks, for tables with expectations) every
     * partition of every table first, and only then swaps a backfill's staged partitions in. So a
     * {@code fail-job} breach on any table ({@link
     * io.lakestream.connectors.lake.quality.QualityBreachException}) leaves the lake exactly as it
     * was before the backfill; the staged partitions stay under {@code .staging/} for inspection.
     */
    public static Finished finishAll(List<LakeSinkConfig> sinks) throws IOException {
        Map<String, Integer> published = new LinkedHashMap<>();
        long quarantined = 0;
        for (LakeSinkConfig sink : sinks) {
            PartitionPublisher publisher = new PartitionPublisher(sink);
            published.merge(sink.table(), publisher.publishAll(), Integer::sum);
            quarantined += publisher.quarantined();
        }
        for (LakeSinkConfig sink : sinks) {
            if (sink.sinkMode() == SinkMode.OVERWRITE) {
                new PartitionSwap(sink).swapRange();
            }
        }
        return new Finished(published, quarantined);
    }

    /** What {@link #finishAll} did: partitions published per table, and partitions quarantined. */
    public record Finished(Map<String, Integer> published, long quarantined) {}

    /** Returns the number of partitions published. */
    public static int finish(LakeSinkConfig config) throws IOException {
        int published = new PartitionPublisher(config).publishAll();
        if (config.sinkMode() == SinkMode.OVERWRITE) {
            new PartitionSwap(config).swapRange();
        }
        return published;
    }
}
