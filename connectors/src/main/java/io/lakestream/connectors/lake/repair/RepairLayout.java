package io.lakestream.connectors.lake.repair;

import io.lakestream.connectors.lake.Partition;
import org.apache.flink.core.fs.Path;

/**
 * Where a repair keeps its work, hidden from Hive-style readers: {@code <lake>/.repair/<run>/}
 * holds the repair's backfill output ({@code lake/}, a lake of its own), the journal ({@code
 * plan.json}) and the replaced partitions until they are deleted ({@code trash/}).
 */
public record RepairLayout(Path lake, String runId) {

    /** Hidden folder under the lake root where repairs work. */
    public static final String REPAIR_DIR = ".repair";

    /** {@code <lake>/.repair}. */
    public static Path repairRoot(Path lake) {
        return new Path(lake, REPAIR_DIR);
    }

    /** {@code <lake>/.repair/<run>}. */
    public Path runDir() {
        return new Path(repairRoot(lake), runId);
    }

    /** The lake the repair's backfill writes: {@code <lake>/.repair/<run>/lake}. */
    public Path stagedLake() {
        return new Path(runDir(), "lake");
    }

    public Path planFile() {
        return new Path(runDir(), RestatementPlan.FILE_NAME);
    }

    public Path live(String table, Partition p) {
        return new Path(new Path(lake, table), p.path());
    }

    public Path staged(String table, Partition p) {
        return new Path(new Path(stagedLake(), table), p.path());
    }

    public Path trash(String table, Partition p) {
        return new Path(new Path(new Path(runDir(), "trash"), table), p.path());
    }
}
