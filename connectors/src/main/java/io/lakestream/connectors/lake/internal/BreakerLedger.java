package io.lakestream.connectors.lake.internal;

import io.lakestream.connectors.lake.LakeSinkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * How far, in event time, each breaker table of a running stream has passed its quality gate: one
 * small file per table with a {@code fail-job} rule, {@code <lake>/.breaker/<run>/<table>}, holding
 * the time before which every partition of the table has been checked.
 *
 * <p>Why a file in the lake: each table has its own partition committer (a post-commit operator of
 * its sink), and Flink gives separate sinks no channel to each other. The committers of one job all
 * see the lake, so a breaker table records its progress there, and every table of the run publishes
 * a partition only once each breaker table has checked past it (docs/decisions/0021). A breach
 * records no further than the failing partition's start, so nothing derived from the bad data is
 * published, whichever committer runs first.
 *
 * <p>Each file has one writer (a committer runs with parallelism 1) and only grows, written
 * atomically (temporary file, then rename); a reader seeing an older value only waits longer.
 */
public final class BreakerLedger {

    /** Hidden folder under the lake root, beside {@code .staging} and {@code .trash}. */
    public static final String DIR = ".breaker";

    /** Nothing checked yet. */
    static final long NOTHING = Long.MIN_VALUE;

    private final Path dir;

    public BreakerLedger(LakeSinkConfig config) {
        this.dir = new Path(new Path(config.lakeDir(), DIR), config.runId());
    }

    /**
     * Declares {@code table} a breaker table of the run, before any committer of the run can
     * publish (committers publish only after a checkpoint has completed, and a checkpoint starts
     * only once every task has initialised). A fresh start forgets what an earlier job of the same
     * run id recorded; a restore keeps it (what was checked is in the restored checkpoint).
     */
    void register(String table, boolean fresh) throws IOException {
        Path file = new Path(dir, table);
        if (fresh || !file.getFileSystem().exists(file)) {
            write(file, NOTHING);
        }
    }

    /** Records that every partition of {@code table} ending at or before {@code time} passed. */
    void checkedThrough(String table, long time) throws IOException {
        Path file = new Path(dir, table);
        if (time > read(file)) {
            write(file, time);
        }
    }

    /**
     * The time before which every breaker table other than {@code self} has passed its checks:
     * {@link Long#MAX_VALUE} when the run has no other breaker table.
     */
    long clearedThrough(String self) throws IOException {
        FileSystem fs = dir.getFileSystem();
        long cleared = Long.MAX_VALUE;
        if (!fs.exists(dir)) {
            return cleared;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (!s.isDir() && !name.startsWith(".") && !name.equals(self)) {
                cleared = Math.min(cleared, read(s.getPath()));
            }
        }
        return cleared;
    }

    /** Removes the run's records, once its bounded job has finished. */
    public void delete() throws IOException {
        dir.getFileSystem().delete(dir, true);
    }

    private static long read(Path file) throws IOException {
        FileSystem fs = file.getFileSystem();
        if (!fs.exists(file)) {
            return NOTHING;
        }
        try (InputStream in = fs.open(file)) {
            return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }

    private static void write(Path file, long time) throws IOException {
        PartitionPublisher.writeAtomically(
                file.getFileSystem(),
                file,
                Long.toString(time).getBytes(StandardCharsets.US_ASCII));
    }
}
