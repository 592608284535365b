package io.lakestream.connectors.lake.internal;

import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.LakeTable;
import io.lakestream.connectors.lake.Partition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.RecoverableWriter;

/**
 * Writes rows into one open Parquet file per partition and closes them all at each checkpoint (or
 * at the end of a bounded input), handing them to the committer followed by a checkpoint marker.
 * Nothing it writes is visible before the committer runs: open files are the recoverable writer's
 * hidden in-progress files.
 */
public final class LakeSinkWriter<T> implements CommittingSinkWriter<T, LakeCommittable> {

    private final LakeTable<T> table;
    private final Path writeDir;
    private final int subtask;
    private final int subtasks;
    private final String filePrefix;
    private final RecoverableWriter fsWriter;
    private final GenericRecord record;
    private final Map<Partition, PartFile> open = new HashMap<>();
    private long fileCounter;
    private PartFile last;
    private long lastStart;
    private long lastEnd;

    public LakeSinkWriter(LakeSinkConfig config, LakeTable<T> table, int subtask, int subtasks) {
        this.table = table;
        this.writeDir = config.writeDir();
        this.subtask = subtask;
        this.subtasks = subtasks;
        // a fresh id per writer instance: files of a restarted attempt never collide with files
        // that an earlier attempt already committed
        this.filePrefix =
                String.format(
                        "part-%05d-%s-", subtask, UUID.randomUUID().toString().substring(0, 8));
        try {
            this.fsWriter = FileSystem.get(writeDir.toUri()).createRecoverableWriter();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the lake at " + writeDir, e);
        }
        this.record = new GenericData.Record(table.schema());
    }

    @Override
    public void write(T row, Context context) throws IOException {
        long time = table.partitionTime(row);
        // rows mostly arrive in time order: skip the lookup while they stay in one partition
        PartFile file = last;
        if (file == null || time < lastStart || time >= lastEnd) {
            Partition partition = Partition.of(table.scheme(), time);
            file = open.get(partition);
            if (file == null) {
                file = openFile(partition);
                open.put(partition, file);
            }
            last = file;
            lastStart = partition.startMillis();
            lastEnd = partition.endMillis();
        }
        file.add(
                table.toRecord(row, record),
                table.firstEventTime(row),
                table.lastEventTime(row),
                table.sourcePartition(row),
                table.sourceOffset(row));
    }

    private PartFile openFile(Partition partition) throws IOException {
        String name = filePrefix + (fileCounter++) + ".parquet";
        Path target = new Path(new Path(writeDir, partition.path()), name);
        return new PartFile(
                partition,
                name,
                fsWriter.open(target),
                table.schema(),
                table.columnsWithoutDictionary());
    }

    @Override
    public void flush(boolean endOfInput) {
        // files are closed in prepareCommit, which follows
    }

    @Override
    public Collection<LakeCommittable> prepareCommit() throws IOException {
        List<LakeCommittable> committables = new ArrayList<>(open.size() + 1);
        for (PartFile file : open.values()) {
            committables.add(file.closeForCommit(fsWriter.getCommitRecoverableSerializer()));
        }
        open.clear();
        last = null;
        // last: it tells the partition committer that all this writer's files of the checkpoint
        // have been handed over
        committables.add(LakeCommittable.marker(subtask, subtasks));
        return committables;
    }

    @Override
    public void close() throws Exception {
        for (PartFile file : open.values()) {
            file.discard();
        }
        open.clear();
        last = null;
    }
}
