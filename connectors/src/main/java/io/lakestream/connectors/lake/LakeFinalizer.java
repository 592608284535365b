package io.lakestream.connectors.lake;

import io.lakestream.connectors.lake.internal.BreakerLedger;
import io.lakestream.connectors.lake.internal.PartitionPublisher;
import io.lakestream.connectors.lake.internal.PartitionSwap;
import io.lakestream.connectors.lake.quality.QualityBreachException;
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
     * Finishes every table of a run in two phases. First every table with a {@code fail-job} rule
     * (a breaker table) checks its partitions, oldest first, up to its first breach. Then every
     * table publishes its partitions that end, plus the table's horizon, before the earliest
     * breach: nothing derived from the bad data, in any table, and everything before it, as a
     * stream would have. Only when no breaker tripped are a backfill's staged partitions swapped
     * in; otherwise the earliest breach ({@link
     * io.lakestream.connectors.lake.quality.QualityBreachException}) is thrown and the lake's
     * published tables are as they were before the backfill, its staged partitions kept under
     * {@code .staging/} for inspection (docs/decisions/0021).
     */
    public static Finished finishAll(List<LakeSinkConfig> sinks) throws IOException {
        Map<LakeSinkConfig, PartitionPublisher> publishers = new LinkedHashMap<>();
        QualityBreachException earliest = null;
        long cleared = Long.MAX_VALUE;
        for (LakeSinkConfig sink : sinks) {
            PartitionPublisher publisher = new PartitionPublisher(sink);
            publishers.put(sink, publisher);
            if (!sink.breaksRun()) {
                continue;
            }
            try {
                publisher.prepareAll();
            } catch (QualityBreachException breach) {
                long start = Partition.parse(breach.partition()).startMillis();
                if (start < cleared) {
                    cleared = start;
                    earliest = breach;
                }
            }
        }
        Map<String, Integer> published = new LinkedHashMap<>();
        long quarantined = 0;
        for (Map.Entry<LakeSinkConfig, PartitionPublisher> e : publishers.entrySet()) {
            published.merge(e.getKey().table(), e.getValue().publishAll(cleared), Integer::sum);
            quarantined += e.getValue().quarantined();
        }
        if (!sinks.isEmpty()) {
            new BreakerLedger(sinks.get(0)).delete();
        }
        if (earliest != null) {
            throw earliest;
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
