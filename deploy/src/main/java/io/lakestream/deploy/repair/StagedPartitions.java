package io.lakestream.deploy.repair;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.repair.RepairLayout;
import io.lakestream.connectors.lake.repair.RestatementPlan;
import io.lakestream.connectors.lake.repair.RestatementPlan.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The partitions a repair's backfill staged, against the live lake: which to restate or add, which
 * came out identical (left alone), and how a staged partition becomes the new version.
 */
final class StagedPartitions {

    private StagedPartitions() {}

    /** Compares one table's partitions of one date; returns how many are unchanged. */
    static int compare(
            LakeReader live,
            LakeReader staged,
            String table,
            Repair.LateDate late,
            List<RestatementPlan.Entry> entries,
            List<String> notes)
            throws IOException {
        LocalDate date = late.date();
        Set<Partition> livePartitions = new TreeSet<>(live.partitions(table, date, date));
        Set<Partition> inLive = new TreeSet<>(livePartitions);
        int unchanged = 0;
        for (Partition p : staged.partitions(table, date, date)) {
            PartitionManifest fresh =
                    staged.manifest(table, p)
                            .orElseThrow(
                                    () ->
                                            new IOException(
                                                    "the repair's backfill left "
                                                            + table
                                                            + " "
                                                            + p
                                                            + " without a manifest"));
            inLive.remove(p);
            RestatementPlan.Entry e = new RestatementPlan.Entry();
            e.table = table;
            e.partition = p.path();
            e.rows = fresh.rows;
            e.checksum = fresh.checksum;
            e.lateEvents = late.countIn(p);
            if (!livePartitions.contains(p)) {
                e.action = Action.ADD;
                e.version = 1;
                entries.add(e);
                continue;
            }
            if (!live.hasSuccess(table, p)) {
                notes.add(
                        table
                                + " "
                                + p
                                + " is not committed in the lake (a stream still writing it?):"
                                + " left alone; run repair again once it is");
                continue;
            }
            PartitionManifest old = live.manifest(table, p).orElse(null);
            if (old != null
                    && old.rows == fresh.rows
                    && fresh.checksum.equalsIgnoreCase(old.checksum)) {
                unchanged++;
                continue;
            }
            e.action = Action.RESTATE;
            e.previousVersion = old == null ? null : old.version;
            e.previousRows = old == null ? null : old.rows;
            e.previousChecksum = old == null ? null : old.checksum;
            e.previousRunId = old == null ? null : old.runId;
            e.version = (old == null ? 0 : old.version) + 1;
            entries.add(e);
        }
        for (Partition p : inLive) {
            notes.add(
                    table
                            + " "
                            + p
                            + " has no rows in the backfill of its date: kept as it is (repair"
                            + " restates, it never deletes)");
        }
        return unchanged;
    }

    /**
     * Turns a staged partition into the new version: its manifest gets the version and the {@code
     * restated} record, and it loses {@code _SUCCESS} (written last, once it is in place).
     */
    static void prepare(FileSystem fs, RepairLayout layout, RestatementPlan.Entry e, String runId)
            throws IOException {
        Path dir = layout.staged(e.table, e.partition());
        Path manifestFile = new Path(dir, PartitionManifest.FILE_NAME);
        PartitionManifest m;
        try (InputStream in = fs.open(manifestFile)) {
            m = PartitionManifest.read(in);
        }
        m.version = e.version;
        Map<String, Object> restated = new LinkedHashMap<>();
        restated.put("reason", "late_events");
        restated.put("late_events", e.lateEvents);
        restated.put("previous_version", e.previousVersion);
        restated.put("previous_rows", e.previousRows);
        restated.put("previous_checksum", e.previousChecksum);
        restated.put("previous_run_id", e.previousRunId);
        restated.put("repair_run_id", runId);
        restated.put("restated_at", Instant.now().toString());
        restated.values().removeIf(java.util.Objects::isNull);
        m.restated = restated;
        try (OutputStream out = fs.create(manifestFile, FileSystem.WriteMode.OVERWRITE)) {
            out.write(m.toJson());
        }
        fs.delete(new Path(dir, PartitionManifest.SUCCESS_FILE), false);
    }
}
