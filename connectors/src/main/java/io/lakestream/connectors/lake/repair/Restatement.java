package io.lakestream.connectors.lake.repair;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.quality.QualityReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swaps restated partitions into a live lake one partition at a time, following a journal ({@link
 * RestatementPlan}), so that a reader that honours {@code _SUCCESS} never sees a partition
 * half-written (docs/decisions/0009). For each partition:
 *
 * <ol>
 *   <li>{@link Step#REMOVE_SUCCESS}: delete the live {@code _SUCCESS}: the old content becomes
 *       invisible to such readers;
 *   <li>{@link Step#MOVE_OLD_ASIDE}: rename the live partition folder to the repair's trash;
 *   <li>{@link Step#MOVE_NEW_IN}: rename the staged folder (data files, their sidecars and the new
 *       {@code _MANIFEST.json}, no {@code _SUCCESS}) into its place;
 *   <li>{@link Step#WRITE_SUCCESS}: write {@code _SUCCESS}: the new content becomes visible.
 * </ol>
 *
 * Then {@link Step#WRITE_MARKER} writes {@code _REPAIRED.json} into each repaired {@code
 * _late_events} date and {@link Step#CLEAN_UP} deletes the repair's folder. Every step looks at the
 * file system to see whether it is done already, so applying a journal again after a crash finishes
 * it. Other partitions, and the other hours of an hourly table's date, are not touched.
 */
public final class Restatement {

    private static final Logger LOG = LoggerFactory.getLogger(Restatement.class);

    /** The steps, in order; a {@link Hook} sees each one before it runs. */
    public enum Step {
        REMOVE_SUCCESS,
        MOVE_OLD_ASIDE,
        MOVE_NEW_IN,
        WRITE_SUCCESS,
        WRITE_MARKER,
        CLEAN_UP
    }

    /** Called before each step that changes something; tests throw from it to simulate a crash. */
    @FunctionalInterface
    public interface Hook {
        Hook NONE = (step, what) -> {};

        void before(Step step, String what) throws IOException;
    }

    private final RepairLayout layout;
    private final FileSystem fs;
    private final Hook hook;

    public Restatement(RepairLayout layout, Hook hook) throws IOException {
        this.layout = layout;
        this.fs = layout.lake().getFileSystem();
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    /** Writes the journal; from then on the repair is completed by {@link #apply}, if need be. */
    public void writePlan(RestatementPlan plan) throws IOException {
        fs.mkdirs(layout.runDir());
        writeAtomically(layout.planFile(), plan.toJson());
    }

    /** The journal of the repair, or null if it has none (it was interrupted before swapping). */
    public RestatementPlan readPlan() throws IOException {
        if (!fs.exists(layout.planFile())) {
            return null;
        }
        try (InputStream in = fs.open(layout.planFile())) {
            return RestatementPlan.read(in);
        }
    }

    /** Applies (or completes) a journal: every partition, then the markers, then clean-up. */
    public void apply(RestatementPlan plan) throws IOException {
        for (RestatementPlan.Entry e : plan.entries) {
            swap(e.table, e.partition());
        }
        for (RepairMarker mark : plan.marks) {
            Path dir = new Path(new Path(layout.lake(), "_late_events"), "date=" + mark.date);
            Path file = new Path(dir, RepairMarker.FILE_NAME);
            if (fs.exists(dir) && !sameMarker(file, mark)) {
                hook.before(Step.WRITE_MARKER, "_late_events date=" + mark.date);
                mark.repairRunId = plan.runId;
                if (mark.repairedAt == null) {
                    mark.repairedAt = plan.createdAt;
                }
                writeAtomically(file, mark.toJson());
            }
        }
        hook.before(Step.CLEAN_UP, layout.runDir().toString());
        fs.delete(layout.runDir(), true);
        Path root = RepairLayout.repairRoot(layout.lake());
        FileStatus[] left = fs.exists(root) ? fs.listStatus(root) : null;
        if (left != null && left.length == 0) {
            fs.delete(root, false);
        }
        LOG.info("Repair {} restated {} partitions", plan.runId, plan.entries.size());
    }

    private void swap(String table, Partition p) throws IOException {
        Path live = layout.live(table, p);
        Path staged = layout.staged(table, p);
        String what = table + " " + p.path();
        if (fs.exists(staged)) {
            Path success = new Path(live, PartitionManifest.SUCCESS_FILE);
            if (fs.exists(success)) {
                hook.before(Step.REMOVE_SUCCESS, what);
                fs.delete(success, false);
            }
            if (fs.exists(live)) {
                hook.before(Step.MOVE_OLD_ASIDE, what);
                Path trash = layout.trash(table, p);
                fs.mkdirs(trash.getParent());
                rename(live, trash);
            }
            hook.before(Step.MOVE_NEW_IN, what);
            fs.mkdirs(live.getParent());
            rename(staged, live);
        }
        Path success = new Path(live, PartitionManifest.SUCCESS_FILE);
        // a restated partition that failed a quarantine-partition rule comes in quarantined, as a
        // backfill's does (docs/decisions/0021): readers stop seeing the old content, and do not
        // see the new one
        boolean quarantined = fs.exists(new Path(live, QualityReport.QUARANTINED_FILE));
        if (fs.exists(live) && !quarantined && !fs.exists(success)) {
            hook.before(Step.WRITE_SUCCESS, what);
            writeAtomically(success, new byte[0]);
        }
    }

    private boolean sameMarker(Path file, RepairMarker mark) throws IOException {
        if (!fs.exists(file)) {
            return false;
        }
        try (InputStream in = fs.open(file)) {
            RepairMarker existing = RepairMarker.read(in);
            return Objects.equals(existing.lateEventsChecksum, mark.lateEventsChecksum)
                    && existing.coversEvents == mark.coversEvents;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot move " + from + " to " + to);
        }
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        try (OutputStream out = fs.create(tmp, FileSystem.WriteMode.OVERWRITE)) {
            out.write(content);
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }
}
