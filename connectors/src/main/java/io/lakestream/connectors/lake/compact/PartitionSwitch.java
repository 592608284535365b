package io.lakestream.connectors.lake.compact;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.internal.FileStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The switch of a compacted partition from its old files to its new ones, once the new files and
 * the intent are written (docs/decisions/0008-compaction.md): each step checks whether it is
 * already done, so a rerun after a crash at any point completes it.
 */
final class PartitionSwitch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PartitionSwitch() {}

    /**
     * The switch, from the intent on: every step is idempotent, so a rerun repeats it from the
     * start after a crash at any point.
     */
    static void rollForward(
            CompactionListener listener, String table, Partition p, Path dir, PartitionManifest m)
            throws IOException {
        FileSystem fs = dir.getFileSystem();
        listener.beforeStep(table, p, CompactionStep.REMOVE_SUCCESS);
        Path success = new Path(dir, PartitionManifest.SUCCESS_FILE);
        if (fs.exists(success)) {
            fs.delete(success, false);
        }
        Set<String> keep = new HashSet<>();
        for (PartitionManifest.FileEntry e : m.files) {
            keep.add(e.name);
            Path visible = new Path(dir, e.name);
            Path staged = new Path(dir, LakeCompactor.HIDDEN_PREFIX + e.name);
            if (fs.exists(visible) && !fs.exists(staged)) {
                continue;
            }
            listener.beforeStep(table, p, CompactionStep.PUBLISH_FILE);
            if (!fs.exists(staged)) {
                throw new IOException(
                        table
                                + " "
                                + p.path()
                                + ": cannot complete its compaction, "
                                + e.name
                                + " is missing");
            }
            // as the sink's committer does: the sidecar first, then the visible name
            writeSidecar(fs, visible, e, m);
            if (!fs.rename(staged, visible)) {
                throw new IOException("cannot rename " + staged + " to " + visible);
            }
        }
        listener.beforeStep(table, p, CompactionStep.REPLACE_MANIFEST);
        writeAtomically(fs, new Path(dir, PartitionManifest.FILE_NAME), m.toJson());

        listener.beforeStep(table, p, CompactionStep.DELETE_OLD_FILES);
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (s.isDir() || name.equals(LakeCompactor.INTENT)) {
                continue;
            }
            boolean oldData =
                    !name.startsWith(".") && !name.startsWith("_") && !keep.contains(name);
            boolean oldSidecar =
                    name.startsWith(".")
                            && name.endsWith(".stats.json")
                            && !keep.contains(
                                    name.substring(1, name.length() - ".stats.json".length()));
            if (oldData || oldSidecar || name.startsWith(LakeCompactor.HIDDEN_PREFIX)) {
                fs.delete(s.getPath(), false);
            }
        }
        listener.beforeStep(table, p, CompactionStep.WRITE_SUCCESS);
        writeAtomically(fs, success, new byte[0]);

        listener.beforeStep(table, p, CompactionStep.DELETE_INTENT);
        fs.delete(new Path(dir, LakeCompactor.INTENT), false);
    }

    /** Files of a compaction that stopped before writing its intent; the partition is unchanged. */
    static void deleteHiddenLeftovers(FileSystem fs, Path dir) throws IOException {
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            if (!s.isDir() && s.getPath().getName().startsWith(LakeCompactor.HIDDEN_PREFIX)) {
                fs.delete(s.getPath(), false);
            }
        }
    }

    /** A sidecar for a compacted file; time range and offsets are the partition's. */
    private static void writeSidecar(
            FileSystem fs, Path dataFile, PartitionManifest.FileEntry e, PartitionManifest m)
            throws IOException {
        FileStats s = new FileStats();
        s.rows = e.rows;
        s.bytes = e.bytes;
        s.checksum = e.checksum;
        s.minTime = m.eventTimeMin == null ? 0 : Instant.parse(m.eventTimeMin).toEpochMilli();
        s.maxTime = m.eventTimeMax == null ? 0 : Instant.parse(m.eventTimeMax).toEpochMilli();
        Object offsets = m.source.get(PartitionManifest.SOURCE_ROW_OFFSETS);
        s.sourceOffsets = offsets == null ? "" : offsets.toString();
        try (OutputStream out =
                fs.create(FileStats.sidecarOf(dataFile), FileSystem.WriteMode.OVERWRITE)) {
            out.write(JSON.writeValueAsBytes(s));
        }
    }

    static PartitionManifest readManifest(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return PartitionManifest.read(in);
        }
    }

    static void writeAtomically(FileSystem fs, Path target, byte[] content) throws IOException {
        Path tmp =
                new Path(
                        target.getParent(),
                        LakeCompactor.HIDDEN_PREFIX + target.getName() + ".tmp");
        try (OutputStream out = fs.create(tmp, FileSystem.WriteMode.OVERWRITE)) {
            out.write(content);
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }
}
