package io.lakestream.connectors.lake;

import io.lakestream.connectors.lake.quality.TableExpectations;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.core.fs.Path;

/**
 * The immutable settings of one {@link LakeSink}: where the table lives, which run writes it, and
 * how partitions are published. Knows the lake layout: table folder, staging folder of a backfill.
 */
public final class LakeSinkConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Hidden folder under the lake root where backfills stage their partitions. */
    public static final String STAGING_DIR = ".staging";

    /** Hidden folder under the lake root where replaced partitions wait for deletion. */
    public static final String TRASH_DIR = ".trash";

    private final String lake;
    private final String table;
    private final String runId;
    private final String modeLabel;
    private final SinkMode sinkMode;
    private final LocalDate from;
    private final LocalDate to;
    private final LinkedHashMap<String, String> source;
    private final String lateTable;
    private final String lateTimeColumn;
    private final long compactOnPublishBytes;
    private final TableExpectations expectations;
    private final PartitionScheme scheme;
    private final long horizonMillis;

    LakeSinkConfig(
            String lake,
            String table,
            String runId,
            String modeLabel,
            SinkMode sinkMode,
            LocalDate from,
            LocalDate to,
            Map<String, String> source,
            String lateTable,
            String lateTimeColumn,
            long compactOnPublishBytes,
            TableExpectations expectations,
            PartitionScheme scheme,
            long horizonMillis) {
        this.lake = lake;
        this.table = table;
        this.runId = runId;
        this.modeLabel = modeLabel;
        this.sinkMode = sinkMode;
        this.from = from;
        this.to = to;
        this.source = new LinkedHashMap<>(source);
        this.lateTable = lateTable;
        this.lateTimeColumn = lateTimeColumn;
        this.compactOnPublishBytes = compactOnPublishBytes;
        this.expectations = expectations;
        this.scheme = scheme;
        this.horizonMillis = horizonMillis;
    }

    /** How the table is partitioned. */
    public PartitionScheme scheme() {
        return scheme;
    }

    /**
     * How far past a partition's end, in event time, the partition's rows depend on events (a label
     * window; 0 for most tables). A stream publishes a partition only once every breaker table of
     * the run has checked its partitions that far (docs/decisions/0021).
     */
    public long horizonMillis() {
        return horizonMillis;
    }

    /**
     * Whether the table has a {@code fail-job} rule: its checks then hold back the publishing of
     * every table of the run (docs/decisions/0021).
     */
    public boolean breaksRun() {
        return expectations != null && expectations.hasBreaker();
    }

    /**
     * The partition rules checked before each partition is published (docs/decisions/0021), or null
     * when the table has none.
     */
    public TableExpectations expectations() {
        return expectations;
    }

    /**
     * The target file size of compaction on publish (docs/decisions/0011), or 0 when partitions are
     * published as written.
     */
    public long compactOnPublishBytes() {
        return compactOnPublishBytes;
    }

    /** Whether each partition is compacted right after it is published. */
    public boolean compactsOnPublish() {
        return compactOnPublishBytes > 0;
    }

    public String table() {
        return table;
    }

    public String runId() {
        return runId;
    }

    public String modeLabel() {
        return modeLabel;
    }

    public SinkMode sinkMode() {
        return sinkMode;
    }

    public LocalDate from() {
        return from;
    }

    public LocalDate to() {
        return to;
    }

    public Map<String, String> source() {
        return source;
    }

    /** The lake root. */
    public Path lakeDir() {
        return new Path(lake);
    }

    /** The table where late events of this table's partitions are recorded, or null. */
    public String lateTable() {
        return lateTable;
    }

    /** The event-time column of {@link #lateTable()}. */
    public String lateTimeColumn() {
        return lateTimeColumn;
    }

    /** The published table folder: {@code <lake>/<table>}. */
    public Path tableDir() {
        return new Path(lake, table);
    }

    /** Where writers put files: the table folder, or the run's staging folder for a backfill. */
    public Path writeDir() {
        return sinkMode == SinkMode.OVERWRITE
                ? new Path(new Path(new Path(lake, STAGING_DIR), runId), table)
                : tableDir();
    }

    public Path trashDir() {
        return new Path(new Path(new Path(lake, TRASH_DIR), runId), table);
    }
}
