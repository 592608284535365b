package io.lakestream.connectors.lake.internal;

import io.lakestream.connectors.lake.LakeSinkConfig;
import java.io.IOException;
import java.time.LocalDate;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swaps a backfill's staged partitions in place of every partition of its date range (INSERT
 * OVERWRITE semantics): for each date, the published date folder moves to the run's trash, then the
 * staged one (if the backfill produced any rows for that date) moves in. A reader sees either the
 * old or the new partition, never a mix; dates of the range without new rows end up empty.
 */
public final class PartitionSwap {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionSwap.class);

    private final LakeSinkConfig config;

    public PartitionSwap(LakeSinkConfig config) {
        this.config = config;
    }

    public void swapRange() throws IOException {
        Path staged = config.writeDir();
        Path target = config.tableDir();
        Path trash = config.trashDir();
        FileSystem fs = target.getFileSystem();
        fs.mkdirs(target);
        int swapped = 0;
        for (LocalDate d = config.from(); !d.isAfter(config.to()); d = d.plusDays(1)) {
            String folder = "date=" + d;
            Path old = new Path(target, folder);
            Path fresh = new Path(staged, folder);
            if (fs.exists(old)) {
                fs.mkdirs(trash);
                rename(fs, old, new Path(trash, folder));
            }
            if (fs.exists(fresh)) {
                rename(fs, fresh, old);
                swapped++;
            }
        }
        fs.delete(trash, true);
        fs.delete(staged, true);
        // the run's folders hold other tables too; the last table to swap removes them
        deleteIfEmpty(fs, trash.getParent());
        deleteIfEmpty(fs, trash.getParent().getParent());
        deleteIfEmpty(fs, staged.getParent());
        deleteIfEmpty(fs, staged.getParent().getParent());
        LOG.info(
                "Backfill {} replaced {} for {} .. {}: {} dates with new data",
                config.runId(),
                config.table(),
                config.from(),
                config.to(),
                swapped);
    }

    private static void deleteIfEmpty(FileSystem fs, Path dir) {
        try {
            if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
                fs.delete(dir, false);
            }
        } catch (IOException e) {
            LOG.debug("{} not removed: {}", dir, e.getMessage());
        }
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot move " + from + " to " + to);
        }
    }
}
